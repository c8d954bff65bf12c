import { Type } from '@sinclair/typebox';
import { deleteFolder } from '../../infisical/api/folders-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';
import { folderIdArg } from './folder-args.js';

export const deleteFolderTool = defineTool({
  name: 'delete-folder',
  title: 'Delete folder',
  description:
    'Permanently delete a folder with every folder and secret below it; this cannot be undone. Returns the folder that was deleted.',
  toolset: 'folders',
  annotations: CHANGES_OR_REMOVES,
  inputSchema: Type.Object({
    projectId: projectIdArg('holding the folder'),
    environment: environmentSlugArg('holding the folder'),
    path: secretPathArg('of the parent of the folder'),
    folderId: folderIdArg('to delete'),
  }),
  argumentAliases: { environmentSlug: 'environment', secretPath: 'path' },
  outputSchema: Type.Object({
    deleted: Type.Object({
      id: Type.String(),
      name: Type.String(),
      path: Type.String({ description: 'Full path the folder had.' }),
      environment: Type.String(),
    }),
  }),
  async handler(input, { infisical, signal }) {
    const { folder } = await deleteFolder(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environment,
        path: input.path,
        folderIdOrName: input.folderId,
      },
      signal,
    );
    const parent = input.path.replace(/\/+$/, '');
    return {
      deleted: {
        id: folder.id,
        name: folder.name,
        path: `${parent}/${folder.name}`,
        environment: input.environment,
      },
    };
  },
});
