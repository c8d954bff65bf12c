import { createProjectTool } from './create-project.js';
import { getProjectTool } from './get-project.js';
import { listProjectsTool } from './list-projects.js';

export { createProjectTool, getProjectTool, listProjectsTool };

export const projectTools = [createProjectTool, listProjectsTool, getProjectTool];
