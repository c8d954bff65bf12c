import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectPermission } from '../auth/project-access.js';
import { requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import {
  DELETED_MEMBERSHIP_RESPONSE,
  INVITED_MEMBERSHIPS_RESPONSE,
  LIST_MEMBERSHIPS_RESPONSE,
} from '../responses/membership-response-schemas.js';
import { CHANGED_ROLES_RESPONSE } from '../responses/membership-role-schemas.js';
import type { Project, UserMember } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { readMembershipRoles } from '../validation/membership-roles.js';
import { customIssue, invalidEmailIssue } from '../validation/validation-issue.js';
import { membershipRowView, userMembershipView } from '../views/membership-view.js';
import { membersOfKind, replaceRoles } from './membership-changes.js';
import type { OfficialServerRoutes } from './official-server-routes.js';

/** zod's `email()` (3.22), which Infisical's invite schema applies. */
const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9-]*\.)+[A-Z]{2,}$/i;

/**
 * User memberships of a project. Inviting: `/api/v1/projects/:projectId/memberships` (current)
 * and `/api/v2/workspace/:projectId/memberships` (what the SDK calls), sharing one schema.
 * Listing, changing roles and removing by membership id: current routes only. Mirrors
 * backend/src/server/routes/v1/project-membership-router.ts.
 */
export function registerMembershipRoutes(
  app: FastifyInstance,
  state: SandboxState,
  { officialServerRoutes }: OfficialServerRoutes,
): void {
  const onRequest = requireIdentity(state);

  const inviteMembers = async (request: FastifyRequest) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
    const body = readPart(request.body, (input) => ({
      emails: readLowercaseList(input, 'emails', 'Email must be lowercase', true),
      usernames: readLowercaseList(input, 'usernames', 'Username must be lowercase', false),
      roles: input.optionalStringArray('roleSlugs', { min: 1 }) ?? ['member'],
    }));
    const project = requireProjectPermission(state, request, params.projectId, 'create', 'member');
    const created = state.inviteUsers(project, body);
    return { memberships: created.map((member) => membershipRowView(project, member)) };
  };

  const invitation = { onRequest, schema: { response: INVITED_MEMBERSHIPS_RESPONSE } };
  app.post('/api/v1/projects/:projectId/memberships', invitation, inviteMembers);
  if (officialServerRoutes) {
    app.post('/api/v2/workspace/:projectId/memberships', invitation, inviteMembers);
  }

  const listing = { onRequest, schema: { response: LIST_MEMBERSHIPS_RESPONSE } };
  app.get('/api/v1/projects/:projectId/memberships', listing, async (request) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
    const project = requireProjectPermission(state, request, params.projectId, 'read', 'member');
    return {
      memberships: membersOfKind(project.members, 'user').map((member) =>
        userMembershipView(project, member),
      ),
    };
  });

  const readMembershipParams = (request: FastifyRequest) =>
    readPart(request.params, (input) => ({
      projectId: input.string('projectId'),
      membershipId: input.string('membershipId'),
    }));

  app.patch(
    '/api/v1/projects/:projectId/memberships/:membershipId',
    { onRequest, schema: { response: CHANGED_ROLES_RESPONSE } },
    async (request) => {
      const params = readMembershipParams(request);
      const roles = readPart(request.body, readMembershipRoles);
      const project = requireProjectPermission(state, request, params.projectId, 'edit', 'member');
      const member = requireUserMember(project, params.membershipId);
      return replaceRoles(state, project, member, roles);
    },
  );

  app.delete(
    '/api/v1/projects/:projectId/memberships/:membershipId',
    { onRequest, schema: { response: DELETED_MEMBERSHIP_RESPONSE } },
    async (request) => {
      const params = readMembershipParams(request);
      const project = requireProjectPermission(
        state,
        request,
        params.projectId,
        'delete',
        'member',
      );
      const member = requireUserMember(project, params.membershipId);
      state.removeMember(project, member);
      return { membership: membershipRowView(project, member) };
    },
  );
}

function requireUserMember(project: Project, membershipId: string): UserMember {
  const member = membersOfKind(project.members, 'user').find(
    (candidate) => candidate.id === membershipId,
  );
  if (!member) throw notFound(`Project membership with ID '${membershipId}' not found`);
  return member;
}

function readLowercaseList(
  input: InputReader,
  key: string,
  lowercaseMessage: string,
  mustBeEmail: boolean,
): string[] {
  const values = input.optionalStringArray(key) ?? [];
  values.forEach((value, index) => {
    const path = [...input.pathOf(key), index];
    if (mustBeEmail && !EMAIL_PATTERN.test(value)) input.issue(invalidEmailIssue(path));
    if (value.toLowerCase() !== value) input.issue(customIssue(path, lowercaseMessage));
  });
  return values;
}
