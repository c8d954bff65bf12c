import { createFolderTool } from './create-folder.js';

export { createFolderTool };

export const folderTools = [createFolderTool];
