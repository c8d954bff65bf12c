import { Type } from '@sinclair/typebox';
import { updateFolder } from '../../infisical/api/folders-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';
import { FOLDER_NAME, folderIdArg } from './folder-args.js';

export const updateFolderTool = defineTool({
  name: 'update-folder',
  title: 'Rename folder',
  description:
    'Rename a folder (and optionally change its description); every folder and secret below it moves to the new path. Clients reading the old secretPath stop finding those secrets.',
  toolset: 'folders',
  annotations: CHANGES_OR_REMOVES,
  inputSchema: Type.Object({
    projectId: projectIdArg('holding the folder'),
    environment: environmentSlugArg('holding the folder'),
    path: secretPathArg('of the parent of the folder'),
    folderId: folderIdArg('to rename'),
    name: Type.String({ ...FOLDER_NAME, description: 'New name of the folder.' }),
    description: Type.Optional(Type.String({ description: 'New description of the folder.' })),
  }),
  argumentAliases: { environmentSlug: 'environment', secretPath: 'path' },
  outputSchema: Type.Object({
    folder: Type.Object({
      id: Type.String(),
      name: Type.String(),
      path: Type.String({ description: 'New full path of the folder, usable as secretPath.' }),
      environment: Type.String(),
    }),
  }),
  async handler(input, { infisical, signal }) {
    const { folder } = await updateFolder(infisical, input, signal);
    const parent = input.path.replace(/\/+$/, '');
    return {
      folder: {
        id: folder.id,
        name: folder.name,
        path: folder.path ?? `${parent}/${folder.name}`,
        environment: input.environment,
      },
    };
  },
});
