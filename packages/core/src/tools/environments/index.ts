import { createEnvironmentTool } from './create-environment.js';
import { deleteEnvironmentTool } from './delete-environment.js';
import { listEnvironmentsTool } from './list-environments.js';
import { updateEnvironmentTool } from './update-environment.js';

export {
  createEnvironmentTool,
  deleteEnvironmentTool,
  listEnvironmentsTool,
  updateEnvironmentTool,
};

export const environmentTools = [
  createEnvironmentTool,
  listEnvironmentsTool,
  updateEnvironmentTool,
  deleteEnvironmentTool,
];
