import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess, requireProjectPermission } from '../auth/project-access.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import {
  CHANGED_PROJECT_RESPONSE,
  LIST_PROJECTS_RESPONSE,
  LIST_WORKSPACES_RESPONSE,
  PROJECT_RESPONSE,
  WORKSPACE_RESPONSE,
} from '../responses/project-response-schemas.js';
import { PROJECT_TYPES } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readSlug } from '../validation/infisical-fields.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { projectView, sanitizedProjectView } from '../views/project-view.js';
import type { OfficialServerRoutes } from './official-server-routes.js';

/**
 * Projects: `/api/v1/projects` (current) and the deprecated `/api/v1/workspace` and
 * `/api/v2/workspace` the SDK and official MCP server call, which differ only in response keys.
 * Mirrors backend/src/server/routes/v1/project-router.ts.
 */
export function registerProjectRoutes(
  app: FastifyInstance,
  state: SandboxState,
  { officialServerRoutes }: OfficialServerRoutes,
): void {
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
      template: readSlug(input, 'template', { max: 64, field: 'Template Name' }) ?? 'default',
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

  const listing = { onRequest, schema: { response: LIST_PROJECTS_RESPONSE } };
  const single = { onRequest, schema: { response: PROJECT_RESPONSE } };
  app.get('/api/v1/projects', listing, async (request) => ({
    projects: listProjects(request),
  }));
  app.post('/api/v1/projects', single, async (request) => createProject(request));
  app.get('/api/v1/projects/:projectId', single, async (request) => ({
    project: getProject(request, 'projectId'),
  }));
  if (!officialServerRoutes) return;

  const workspaces = { onRequest, schema: { response: LIST_WORKSPACES_RESPONSE } };
  const workspace = { onRequest, schema: { response: WORKSPACE_RESPONSE } };
  app.get('/api/v1/workspace', workspaces, async (request) => ({
    workspaces: listProjects(request),
  }));
  app.post('/api/v2/workspace', single, async (request) => createProject(request));
  app.get('/api/v1/workspace/:workspaceId', workspace, async (request) => ({
    workspace: getProject(request, 'workspaceId'),
  }));
}

/** `PATCH` and `DELETE /api/v1/projects/:projectId`, which answer with the sanitized project. */
export function registerProjectChangeRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);
  const change = { onRequest, schema: { response: CHANGED_PROJECT_RESPONSE } };
  /** Infisical guards an update with `edit` on `settings`, a deletion with `delete` on `workspace`. */
  const projectOf = (request: FastifyRequest, action: 'edit' | 'delete', subject: string) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
    return requireProjectPermission(state, request, params.projectId, action, subject);
  };

  app.patch('/api/v1/projects/:projectId', change, async (request) => {
    const project = projectOf(request, 'edit', 'settings');
    const changes = readPart(request.body ?? {}, (input) => ({
      name: input.optionalString('name', { max: 64 }),
      description: input.optionalString('description', { max: 1024 }),
      slug: readProjectSlug(input),
      hasDeleteProtection: input.optionalBoolean('hasDeleteProtection'),
      enforceCapitalization: input.optionalBoolean('autoCapitalization'),
    }));
    return { project: sanitizedProjectView(state.updateProject(project, changes)) };
  });

  app.delete('/api/v1/projects/:projectId', change, async (request) => ({
    project: sanitizedProjectView(state.deleteProject(projectOf(request, 'delete', 'workspace'))),
  }));
}

const PROJECT_SLUG = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;

/** The update route's own slug rule, stricter than `slugSchema` about leading dashes. */
function readProjectSlug(input: InputReader): string | undefined {
  const slug = input.optionalString('slug', { max: 64 });
  if (slug !== undefined) {
    input.refine(
      'slug',
      PROJECT_SLUG.test(slug),
      'Project slug can only contain lowercase letters and numbers, with optional single hyphens (-) or underscores (_) between words. Cannot start or end with a hyphen or underscore.',
    );
  }
  return slug;
}
