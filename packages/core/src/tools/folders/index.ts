import { createFolderTool } from './create-folder.js';
import { listFoldersTool } from './list-folders.js';

export { createFolderTool, listFoldersTool };

export const folderTools = [createFolderTool, listFoldersTool];
