import { Type } from '@sinclair/typebox';
import { deleteFolder } from '../../infisical/api/folders-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { FOLDER_ARGUMENT_ALIASES, folderLocationArgs } from './folder-args.js';
import { FolderOutput, toFolderOutput } from './folder-output.js';

export const deleteFolderTool = defineTool({
  name: 'delete-folder',
  title: 'Delete folder',
  description: 'Permanently delete a folder and everything below it.',
  toolset: 'folders',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environment', 'path', { confirmName: ['folderId'] }),
  inputSchema: Type.Object({
    ...folderLocationArgs('to delete'),
  }),
  argumentAliases: FOLDER_ARGUMENT_ALIASES,
  outputSchema: Type.Object({ deleted: FolderOutput }),
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
    return {
      deleted: toFolderOutput(folder, { environment: input.environment, parentPath: input.path }),
    };
  },
});
