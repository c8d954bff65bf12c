import { compareEnvironmentsTool } from './compare-environments.js';
import { createSecretTool } from './create-secret.js';
import { createSecretsTool } from './create-secrets.js';
import { deleteSecretTool } from './delete-secret.js';
import { deleteSecretsTool } from './delete-secrets.js';
import { getSecretTool } from './get-secret.js';
import { listSecretsTool } from './list-secrets.js';
import { searchSecretsTool } from './search-secrets.js';
import { updateSecretTool } from './update-secret.js';
import { updateSecretsTool } from './update-secrets.js';

export {
  compareEnvironmentsTool,
  createSecretsTool,
  createSecretTool,
  deleteSecretsTool,
  deleteSecretTool,
  getSecretTool,
  listSecretsTool,
  searchSecretsTool,
  updateSecretsTool,
  updateSecretTool,
};

export const secretTools = [
  createSecretTool,
  deleteSecretTool,
  updateSecretTool,
  listSecretsTool,
  getSecretTool,
  createSecretsTool,
  updateSecretsTool,
  deleteSecretsTool,
  compareEnvironmentsTool,
  searchSecretsTool,
];
