import { createEnvironmentTool } from './create-environment.js';
import { listEnvironmentsTool } from './list-environments.js';

export { createEnvironmentTool, listEnvironmentsTool };

export const environmentTools = [createEnvironmentTool, listEnvironmentsTool];
