import type { IdentityMember, MachineIdentity, Project, UserMember } from '../state/model.js';

/**
 * One entry of a membership's `roles`, as Infisical lists it (permanent roles only): a custom
 * role is `role: "custom"` and names itself in the `customRole*` keys.
 */
export function membershipRoleView(
  project: Project,
  member: UserMember | IdentityMember,
  role: string,
  index: number,
) {
  const custom = project.roles.find((candidate) => candidate.slug === role);
  return {
    id: `${member.id}-role-${index}`,
    role: custom ? 'custom' : role,
    customRoleId: custom?.id ?? null,
    customRoleName: custom?.name ?? null,
    customRoleSlug: custom?.slug ?? null,
    isTemporary: false,
    temporaryMode: null,
    temporaryRange: null,
    temporaryAccessStartTime: null,
    temporaryAccessEndTime: null,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
  };
}

function rolesView(project: Project, member: UserMember | IdentityMember) {
  return member.roles.map((role, index) => membershipRoleView(project, member, role, index));
}

/** An entry of `GET /api/v1/projects/:projectId/memberships`. */
export function userMembershipView(project: Project, member: UserMember) {
  return {
    id: member.id,
    userId: member.userId,
    projectId: project.id,
    createdAt: member.createdAt,
    user: {
      id: member.userId,
      email: member.email,
      username: member.username,
      firstName: null,
      lastName: null,
      publicKey: null,
    },
    roles: rolesView(project, member),
  };
}

/**
 * An entry of both identity membership lists; the current route's schema leaves out the
 * identity's `authMethods` and the project.
 */
export function identityMembershipView(
  project: Project,
  member: IdentityMember,
  identity: MachineIdentity | undefined,
) {
  return {
    id: member.id,
    identityId: member.identityId,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
    roles: rolesView(project, member),
    identity: {
      id: member.identityId,
      name: identity?.name ?? 'deleted-identity',
      orgId: project.orgId,
      projectId: null,
      authMethods: ['universal-auth'],
    },
    project: { id: project.id, name: project.name },
  };
}

/** The bare membership row a create, update or delete answers with. */
export function membershipRowView(project: Project, member: UserMember | IdentityMember) {
  return {
    id: member.id,
    ...(member.kind === 'user' ? { userId: member.userId } : { identityId: member.identityId }),
    projectId: project.id,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
  };
}
