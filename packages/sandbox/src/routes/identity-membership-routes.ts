import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectPermission } from '../auth/project-access.js';
import { requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import {
  IDENTITY_MEMBERSHIP_RESPONSE,
  LIST_DEPRECATED_IDENTITY_MEMBERSHIPS_RESPONSE,
  LIST_IDENTITY_MEMBERSHIPS_RESPONSE,
} from '../responses/identity-membership-response-schemas.js';
import { CHANGED_ROLES_RESPONSE } from '../responses/membership-role-schemas.js';
import type { IdentityMember, Project } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { readMembershipRoles } from '../validation/membership-roles.js';
import { identityMembershipView, membershipRowView } from '../views/membership-view.js';
import { membersOfKind, replaceRoles } from './membership-changes.js';

/** Current routes, `backend/src/server/routes/v1/identity-project-membership-router.ts`. */
const CURRENT = '/api/v1/projects/:projectId/memberships/identities';
/** Deprecated routes, `backend/src/server/routes/v1/deprecated-identity-project-membership-router.ts`. */
const DEPRECATED = '/api/v1/projects/:projectId/identity-memberships';

/**
 * Machine identities of a project. Infisical serves them at
 * `/api/v1/projects/:projectId/memberships/identities` (list, and `/:identityId` to change roles
 * or remove), and still serves the deprecated `/api/v1/projects/:projectId/identity-memberships`
 * twins, which differ in limits and response shapes:
 *
 * - list: current pages with offset and limit at most 1000 (default 20), filters by
 *   `identityName` and `roles` (comma-separated), and names no auth methods or project;
 *   deprecated allows limit 20000 (default 100) and adds `identity.authMethods` and `project`.
 * - PATCH: current answers `{ identityMembership }` (the bare row); deprecated `{ roles }`.
 * - DELETE: both answer `{ identityMembership }`.
 */
export function registerIdentityMembershipRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  const readProjectId = (request: FastifyRequest) =>
    readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
  const readParams = (request: FastifyRequest) =>
    readPart(request.params, (input) => ({
      projectId: input.string('projectId'),
      identityId: input.string('identityId'),
    }));

  // identity-project-membership-router.ts: GET /identities
  const listing = { onRequest, schema: { response: LIST_IDENTITY_MEMBERSHIPS_RESPONSE } };
  app.get(CURRENT, listing, async (request) => {
    const params = readProjectId(request);
    const query = readPart(request.query, (input) => {
      const page = readPage(input, { defaultLimit: 20, maxLimit: 1000 });
      const identityName = input.optionalString('identityName')?.trim();
      const roles = input
        .optionalString('roles')
        ?.split(',')
        .map((role) => role.trim());
      return { ...page, identityName, roles };
    });
    const project = requireProjectPermission(state, request, params.projectId, 'read', 'identity');
    const needle = query.identityName?.toLowerCase();
    const members = membersOfKind(project.members, 'identity').filter((member) => {
      const name = state.getIdentity(member.identityId)?.name ?? '';
      if (needle && !name.toLowerCase().includes(needle)) return false;
      if (query.roles && !member.roles.some((role) => query.roles?.includes(role))) return false;
      return true;
    });
    return {
      identityMemberships: members
        .slice(query.offset, query.offset + query.limit)
        .map((member) =>
          identityMembershipView(project, member, state.getIdentity(member.identityId)),
        ),
      totalCount: members.length,
    };
  });

  /** The member a PATCH (`edit`) or DELETE (`delete`) names, if the role allows it. */
  const memberToChange = (request: FastifyRequest, action: 'edit' | 'delete') => {
    const params = readParams(request);
    const project = requireProjectPermission(state, request, params.projectId, action, 'identity');
    return { project, member: requireIdentityMember(project, params.identityId) };
  };
  const rowAnswer = { onRequest, schema: { response: IDENTITY_MEMBERSHIP_RESPONSE } };
  // Both routers answer a removal with the bare membership row.
  const removeMember = async (request: FastifyRequest) => {
    const { project, member } = memberToChange(request, 'delete');
    state.removeMember(project, member);
    return { identityMembership: membershipRowView(project, member) };
  };

  // identity-project-membership-router.ts: PATCH /identities/:identityId
  app.patch(`${CURRENT}/:identityId`, rowAnswer, async (request) => {
    const roles = readPart(request.body, readMembershipRoles);
    const { project, member } = memberToChange(request, 'edit');
    replaceRoles(state, project, member, roles);
    return { identityMembership: membershipRowView(project, member) };
  });

  // identity-project-membership-router.ts: DELETE /identities/:identityId
  app.delete(`${CURRENT}/:identityId`, rowAnswer, removeMember);

  // deprecated-identity-project-membership-router.ts: GET /:projectId/identity-memberships
  const deprecatedListing = {
    onRequest,
    schema: { response: LIST_DEPRECATED_IDENTITY_MEMBERSHIPS_RESPONSE },
  };
  app.get(DEPRECATED, deprecatedListing, async (request) => {
    const params = readProjectId(request);
    const query = readPart(request.query, (input) =>
      readPage(input, { defaultLimit: 100, maxLimit: 20000 }),
    );
    const project = requireProjectPermission(state, request, params.projectId, 'read', 'identity');
    const members = membersOfKind(project.members, 'identity');
    return {
      identityMemberships: members
        .slice(query.offset, query.offset + query.limit)
        .map((member) =>
          identityMembershipView(project, member, state.getIdentity(member.identityId)),
        ),
      totalCount: members.length,
    };
  });

  // deprecated-identity-project-membership-router.ts: PATCH /:projectId/identity-memberships/:identityId
  const rolesAnswer = { onRequest, schema: { response: CHANGED_ROLES_RESPONSE } };
  app.patch(`${DEPRECATED}/:identityId`, rolesAnswer, async (request) => {
    const roles = readPart(request.body, readMembershipRoles);
    const { project, member } = memberToChange(request, 'edit');
    return replaceRoles(state, project, member, roles);
  });

  // deprecated-identity-project-membership-router.ts: DELETE /:projectId/identity-memberships/:identityId
  app.delete(`${DEPRECATED}/:identityId`, rowAnswer, removeMember);
}

/** `offset` (from 0) and `limit` (from 1 to the route's maximum), coerced from the query. */
function readPage(input: InputReader, rules: { defaultLimit: number; maxLimit: number }) {
  const offset = input.optionalNumber('offset', { min: 0, coerce: true }) ?? 0;
  const limit = input.optionalNumber('limit', { min: 1, coerce: true }) ?? rules.defaultLimit;
  input.refine(
    'limit',
    limit <= rules.maxLimit,
    `Number must be less than or equal to ${rules.maxLimit}`,
  );
  return { offset, limit };
}

function requireIdentityMember(project: Project, identityId: string): IdentityMember {
  const member = membersOfKind(project.members, 'identity').find(
    (candidate) => candidate.identityId === identityId,
  );
  if (!member) {
    throw notFound(
      `Project membership for identity with ID '${identityId}' in project with ID '${project.id}' not found`,
    );
  }
  return member;
}
