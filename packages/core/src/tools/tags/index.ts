import { createTagTool } from './create-tag.js';
import { deleteTagTool } from './delete-tag.js';
import { listTagsTool } from './list-tags.js';

export { createTagTool, deleteTagTool, listTagsTool };

export const tagTools = [listTagsTool, createTagTool, deleteTagTool];
