import { createSecretImportTool } from './create-secret-import.js';
import { deleteSecretImportTool } from './delete-secret-import.js';
import { listSecretImportsTool } from './list-secret-imports.js';

export { createSecretImportTool, deleteSecretImportTool, listSecretImportsTool };

export const importTools = [listSecretImportsTool, createSecretImportTool, deleteSecretImportTool];
