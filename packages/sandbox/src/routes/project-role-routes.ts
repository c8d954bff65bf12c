import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BUILT_IN_PROJECT_ROLES, findBuiltInRole } from '../auth/built-in-project-roles.js';
import { requireProjectAccess, requireProjectPermission } from '../auth/project-access.js';
import { ProjectPermission } from '../auth/project-permission.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import { newId } from '../ids.js';
import {
  LIST_PROJECT_ROLES_RESPONSE,
  PROJECT_ROLE_RESPONSE,
} from '../responses/project-role-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readRequiredSlug, readSlug } from '../validation/infisical-fields.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { readRolePermissions } from '../validation/role-permissions.js';
import { projectRoleListView, projectRoleView } from '../views/project-role-view.js';

const ROLES = '/api/v1/projects/:projectId/roles';

/** `ProjectMembershipRole`'s values, which a custom role may not take. */
const RESERVED_SLUGS = [
  'admin',
  'member',
  'custom',
  'viewer',
  'no-access',
  'ssh-host-bootstrapper',
  'cryptographic-operator',
];
const SLUG_LIMITS = { min: 1, max: 64 };
const RESERVED_MESSAGE = 'Please choose a different slug, the slug you have entered is reserved';

/**
 * A project's roles: list, get by slug, create, update and delete custom ones, each guarded by
 * the `role` subject. Mirrors backend/src/ee/routes/v1/project-role-router.ts and the
 * project-role service behind it.
 */
export function registerProjectRoleRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);
  const readProjectId = (request: FastifyRequest) =>
    readPart(request.params, (input) => ({ projectId: input.string('projectId') })).projectId;

  /** The built-in roles as Infisical lists them: a fresh id and timestamps on every call. */
  const builtInRoles = () => {
    const now = state.now();
    return BUILT_IN_PROJECT_ROLES.map((role) => ({
      ...role,
      id: newId(),
      createdAt: now,
      updatedAt: now,
    }));
  };

  const listing = { onRequest, schema: { response: LIST_PROJECT_ROLES_RESPONSE } };
  const oneRole = { onRequest, schema: { response: PROJECT_ROLE_RESPONSE } };
  app.get(ROLES, listing, async (request) => {
    const projectId = readProjectId(request);
    const project = requireProjectPermission(state, request, projectId, 'read', 'role');
    const custom = [...project.roles].sort((left, right) => left.slug.localeCompare(right.slug));
    return {
      roles: [...builtInRoles(), ...custom].map((role) => projectRoleListView(project.id, role)),
    };
  });

  app.get(`${ROLES}/slug/:roleSlug`, oneRole, async (request) => {
    const { projectId, roleSlug } = readPart(request.params, (input) => ({
      projectId: input.string('projectId'),
      roleSlug: input.string('roleSlug'),
    }));
    const project = requireProjectPermission(state, request, projectId, 'read', 'role');
    const role = findBuiltInRole(roleSlug)
      ? builtInRoles().find((candidate) => candidate.slug === roleSlug)
      : project.roles.find((candidate) => candidate.slug === roleSlug);
    if (!role) throw notFound(`Project role with slug '${roleSlug}' not found`);
    return { role: projectRoleView(project.id, role) };
  });

  app.post(ROLES, oneRole, async (request) => {
    const projectId = readProjectId(request);
    const body = readPart(request.body, (input) => ({
      slug: notReserved(input, readRequiredSlug(input, 'slug', SLUG_LIMITS)),
      name: input.string('name', { min: 1 }),
      description: input.nullableString('description') ?? undefined,
      permissions: readRolePermissions(input, 'permissions'),
    }));
    const project = requireProjectPermission(state, request, projectId, 'create', 'role');
    return { role: projectRoleView(project.id, state.createProjectRole(project, body)) };
  });

  /** The custom role the URL names, once the caller may `action` roles of its project. */
  const customRole = (request: FastifyRequest, action: 'edit' | 'delete') => {
    const { projectId, roleId } = readPart(request.params, (input) => ({
      projectId: input.string('projectId'),
      roleId: input.string('roleId'),
    }));
    const identityId = identityOf(request).id;
    const project = requireProjectAccess(state, identityId, projectId);
    const role = project.roles.find((candidate) => candidate.id === roleId);
    // Infisical's service names both operations' 404 "Delete role".
    if (!role) throw notFound('Project role not found', 'Delete role');
    ProjectPermission.of(project, identityId).require(action, 'role');
    return { project, role };
  };

  app.patch(`${ROLES}/:roleId`, oneRole, async (request) => {
    const changes = readPart(request.body ?? {}, (input) => ({
      slug: notReserved(input, readSlug(input, 'slug', SLUG_LIMITS)),
      name: input.optionalString('name'),
      description: input.nullableString('description'),
      permissions: input.has('permissions') ? readRolePermissions(input, 'permissions') : undefined,
    }));
    const { project, role } = customRole(request, 'edit');
    return { role: projectRoleView(project.id, state.updateProjectRole(project, role, changes)) };
  });

  app.delete(`${ROLES}/:roleId`, oneRole, async (request) => {
    const { project, role } = customRole(request, 'delete');
    return { role: projectRoleView(project.id, state.deleteProjectRole(project, role)) };
  });
}

/** Infisical's refinement of a role's `slug`: not one of the built-in roles'. */
function notReserved<Slug extends string | undefined>(input: InputReader, slug: Slug): Slug {
  if (slug !== undefined) input.refine('slug', !RESERVED_SLUGS.includes(slug), RESERVED_MESSAGE);
  return slug;
}
