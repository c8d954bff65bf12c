import { createSecretTool } from './create-secret.js';
import { deleteSecretTool } from './delete-secret.js';
import { getSecretTool } from './get-secret.js';
import { listSecretsTool } from './list-secrets.js';
import { updateSecretTool } from './update-secret.js';

export { createSecretTool, deleteSecretTool, getSecretTool, listSecretsTool, updateSecretTool };

export const secretTools = [
  createSecretTool,
  deleteSecretTool,
  updateSecretTool,
  listSecretsTool,
  getSecretTool,
];
