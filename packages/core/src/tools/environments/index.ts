import { createEnvironmentTool } from './create-environment.js';

export { createEnvironmentTool };

export const environmentTools = [createEnvironmentTool];
