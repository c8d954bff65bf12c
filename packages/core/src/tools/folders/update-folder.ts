import { Type } from '@sinclair/typebox';
import { updateFolder } from '../../infisical/api/folders-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { FOLDER_ARGUMENT_ALIASES, FOLDER_NAME, folderLocationArgs } from './folder-args.js';
import { FolderOutput, toFolderOutput } from './folder-output.js';

export const updateFolderTool = defineTool({
  name: 'update-folder',
  title: 'Rename folder',
  description: 'Rename a folder; everything below it moves to the new path.',
  toolset: 'folders',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environment', 'path', { confirmName: ['folderId'] }),
  inputSchema: Type.Object({
    ...folderLocationArgs('to rename'),
    name: Type.String({ ...FOLDER_NAME, description: 'New name of the folder.' }),
    description: Type.Optional(Type.String({ description: 'New description of the folder.' })),
  }),
  argumentAliases: FOLDER_ARGUMENT_ALIASES,
  outputSchema: Type.Object({ folder: FolderOutput }),
  async handler(input, { infisical, signal }) {
    const { folder } = await updateFolder(infisical, input, signal);
    return {
      folder: toFolderOutput(folder, { environment: input.environment, parentPath: input.path }),
    };
  },
});
