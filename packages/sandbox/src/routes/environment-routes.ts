import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectPermission } from '../auth/project-access.js';
import { requireIdentity } from '../auth/request-identity.js';
import {
  ENVIRONMENT_RESPONSE,
  WORKSPACE_ENVIRONMENT_RESPONSE,
} from '../responses/environment-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readRequiredSlug, readSlug } from '../validation/infisical-fields.js';
import { readPart } from '../validation/input-reader.js';
import type { OfficialServerRoutes } from './official-server-routes.js';

const CREATED_MESSAGE = 'Successfully created new environment';

/**
 * `POST /api/v1/projects/:projectId/environments`, and the deprecated workspace route the SDK
 * calls, which answers with `workspace` where the current one says `projectId`. Mirrors
 * backend/src/server/routes/v1/project-env-router.ts.
 */
export function registerEnvironmentRoutes(
  app: FastifyInstance,
  state: SandboxState,
  { officialServerRoutes }: OfficialServerRoutes,
): void {
  const onRequest = requireIdentity(state);

  const createEnvironment = (request: FastifyRequest, projectKey: string) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string(projectKey) }));
    const body = readPart(request.body, (input) => ({
      name: input.string('name'),
      slug: readRequiredSlug(input, 'slug', { max: 64 }),
      position: input.optionalNumber('position', { min: 1 }),
    }));
    const project = requireProjectPermission(
      state,
      request,
      params.projectId,
      'create',
      'environments',
    );
    return { projectId: project.id, environment: state.createEnvironment(project, body) };
  };

  const created = { onRequest, schema: { response: ENVIRONMENT_RESPONSE } };
  app.post('/api/v1/projects/:projectId/environments', created, async (request) => {
    const { projectId, environment } = createEnvironment(request, 'projectId');
    return { message: CREATED_MESSAGE, projectId, environment };
  });

  if (!officialServerRoutes) return;
  const createdInWorkspace = { onRequest, schema: { response: WORKSPACE_ENVIRONMENT_RESPONSE } };
  app.post('/api/v1/workspace/:workspaceId/environments', createdInWorkspace, async (request) => {
    const { projectId, environment } = createEnvironment(request, 'workspaceId');
    return {
      message: CREATED_MESSAGE,
      workspace: projectId,
      environment,
    };
  });
}

/** `PATCH` and `DELETE /api/v1/projects/:projectId/environments/:id`. */
export function registerEnvironmentChangeRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);
  const change = { onRequest, schema: { response: ENVIRONMENT_RESPONSE } };
  const environmentOf = (
    request: FastifyRequest,
    action: 'edit' | 'delete',
    errorName?: string,
  ) => {
    const params = readPart(request.params, (input) => ({
      projectId: input.string('projectId'),
      id: input.string('id'),
    }));
    const project = requireProjectPermission(
      state,
      request,
      params.projectId,
      action,
      'environments',
    );
    return { project, environment: state.requireEnvironmentById(project, params.id, errorName) };
  };

  app.patch('/api/v1/projects/:projectId/environments/:id', change, async (request) => {
    const { project, environment } = environmentOf(request, 'edit');
    const changes = readPart(request.body ?? {}, (input) => ({
      slug: readSlug(input, 'slug', { max: 64 }),
      name: input.optionalString('name'),
      position: input.optionalNumber('position'),
    }));
    const updated = state.updateEnvironment(project, environment, changes);
    return {
      message: 'Successfully updated environment',
      projectId: project.id,
      environment: updated,
    };
  });

  app.delete('/api/v1/projects/:projectId/environments/:id', change, async (request) => {
    const { project, environment } = environmentOf(request, 'delete', 'DeleteEnvironment');
    return {
      message: 'Successfully deleted environment',
      projectId: project.id,
      environment: state.deleteEnvironment(project, environment),
    };
  });
}
