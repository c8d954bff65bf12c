import { createFolderTool } from './create-folder.js';
import { deleteFolderTool } from './delete-folder.js';
import { listFoldersTool } from './list-folders.js';
import { updateFolderTool } from './update-folder.js';

export { createFolderTool, deleteFolderTool, listFoldersTool, updateFolderTool };

export const folderTools = [createFolderTool, listFoldersTool, updateFolderTool, deleteFolderTool];
