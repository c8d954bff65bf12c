import { createProjectTool } from './create-project.js';
import { deleteProjectTool } from './delete-project.js';
import { getProjectTool } from './get-project.js';
import { listProjectsTool } from './list-projects.js';
import { updateProjectTool } from './update-project.js';

export {
  createProjectTool,
  deleteProjectTool,
  getProjectTool,
  listProjectsTool,
  updateProjectTool,
};

export const projectTools = [
  createProjectTool,
  listProjectsTool,
  getProjectTool,
  updateProjectTool,
  deleteProjectTool,
];
