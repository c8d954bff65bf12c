import { createProjectTool } from './create-project.js';
import { listProjectsTool } from './list-projects.js';

export { createProjectTool, listProjectsTool };

export const projectTools = [createProjectTool, listProjectsTool];
