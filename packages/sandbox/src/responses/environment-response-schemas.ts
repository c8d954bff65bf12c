import { dateTime, number, string } from './schema-primitives.js';

/**
 * Create, update and delete of an environment answer `{ message, projectId, environment }` with
 * `ProjectEnvironmentsSchema` (backend/src/server/routes/v1/project-env-router.ts); the
 * deprecated workspace route says `workspace` where the current one says `projectId`.
 */
const environment = {
  type: 'object',
  properties: {
    id: string,
    name: string,
    slug: string,
    position: number,
    projectId: string,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: ['id', 'name', 'slug', 'position', 'projectId', 'createdAt', 'updatedAt'],
} as const;

export const ENVIRONMENT_RESPONSE = {
  200: {
    type: 'object',
    properties: { message: string, projectId: string, environment },
    required: ['message', 'projectId', 'environment'],
  },
} as const;

export const WORKSPACE_ENVIRONMENT_RESPONSE = {
  200: {
    type: 'object',
    properties: { message: string, workspace: string, environment },
    required: ['message', 'workspace', 'environment'],
  },
} as const;
