import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess, requireProjectAdmin } from '../auth/project-access.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import type { IdentityMember, Project } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readPart } from '../validation/input-reader.js';
import { readMembershipRoles } from '../validation/membership-roles.js';
import { identityMembershipView, membershipRowView } from '../views/membership-view.js';
import { membersOfKind, replaceRoles } from './membership-changes.js';

const BASE = '/api/v1/projects/:projectId/identity-memberships';

/**
 * Machine identities of a project: `/api/v1/projects/:projectId/identity-memberships`, served
 * by every Infisical version since projects moved to `/api/v1/projects` (newer ones also offer
 * `/memberships/identities`). The list pages with offset and limit (at most 20000, default 100).
 */
export function registerIdentityMembershipRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  app.get(BASE, { onRequest }, async (request) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
    const query = readPart(request.query, (input) => {
      const offset = input.optionalNumber('offset', { min: 0, coerce: true }) ?? 0;
      const limit = input.optionalNumber('limit', { min: 1, coerce: true }) ?? 100;
      input.refine('limit', limit <= 20000, 'Number must be less than or equal to 20000');
      return { offset, limit };
    });
    const project = requireProjectAccess(state, identityOf(request).id, params.projectId);
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

  const readParams = (request: FastifyRequest) =>
    readPart(request.params, (input) => ({
      projectId: input.string('projectId'),
      identityId: input.string('identityId'),
    }));

  app.patch(`${BASE}/:identityId`, { onRequest }, async (request) => {
    const params = readParams(request);
    const roles = readPart(request.body, readMembershipRoles);
    const project = requireProjectAdmin(state, identityOf(request).id, params.projectId);
    const member = requireIdentityMember(project, params.identityId);
    return replaceRoles(state, member, roles);
  });

  app.delete(`${BASE}/:identityId`, { onRequest }, async (request) => {
    const params = readParams(request);
    const project = requireProjectAdmin(state, identityOf(request).id, params.projectId);
    const member = requireIdentityMember(project, params.identityId);
    state.removeMember(project, member);
    return { identityMembership: membershipRowView(project, member) };
  });
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
