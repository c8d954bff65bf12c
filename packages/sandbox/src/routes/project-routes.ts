import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess } from '../auth/project-access.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { PROJECT_TYPES } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readSlug } from '../validation/infisical-fields.js';
import { readPart } from '../validation/input-reader.js';
import { projectView } from '../views/project-view.js';

/**
 * Projects: `/api/v1/projects` (current) and the deprecated `/api/v1/workspace` and
 * `/api/v2/workspace` the SDK and official MCP server call, which differ only in response keys.
 */
export function registerProjectRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  const listProjects = (request: FastifyRequest) => {
    const query = readPart(request.query, (input) => ({
      includeRoles: input.booleanString('includeRoles', false),
      type: input.enumValue('type', PROJECT_TYPES),
    }));
    const identityId = identityOf(request).id;
    return state
      .listProjects()
      .filter((project) => state.isProjectMember(project, identityId))
      .filter((project) => query.type === undefined || project.type === query.type)
      .map(projectView);
  };

  const createProject = (request: FastifyRequest) => {
    const body = readPart(request.body, (input) => ({
      name: input.string('projectName'),
      description: input.optionalString('projectDescription'),
      slug: readSlug(input, 'slug', { min: 5, max: 36 }),
      kmsKeyId: input.optionalString('kmsKeyId'),
      template: input.optionalString('template') ?? 'default',
      type: input.enumValue('type', PROJECT_TYPES) ?? 'secret-manager',
      createDefaultEnvironments: input.optionalBoolean('shouldCreateDefaultEnvs') ?? true,
      hasDeleteProtection: input.optionalBoolean('hasDeleteProtection') ?? false,
    }));
    const project = state.createProject({ ...body, adminIdentityId: identityOf(request).id });
    return { project: projectView(project) };
  };

  const getProject = (request: FastifyRequest, key: string) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string(key) }));
    return projectView(requireProjectAccess(state, identityOf(request).id, params.projectId));
  };

  app.get('/api/v1/projects', { onRequest }, async (request) => ({
    projects: listProjects(request),
  }));
  app.get('/api/v1/workspace', { onRequest }, async (request) => ({
    workspaces: listProjects(request),
  }));

  app.post('/api/v1/projects', { onRequest }, async (request) => createProject(request));
  app.post('/api/v2/workspace', { onRequest }, async (request) => createProject(request));

  app.get('/api/v1/projects/:projectId', { onRequest }, async (request) => ({
    project: getProject(request, 'projectId'),
  }));
  app.get('/api/v1/workspace/:workspaceId', { onRequest }, async (request) => ({
    workspace: getProject(request, 'workspaceId'),
  }));
}
