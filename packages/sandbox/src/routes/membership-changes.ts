import type { Project, ProjectMember } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { assertKnownRoles } from '../validation/membership-roles.js';
import { membershipRoleView } from '../views/membership-view.js';

/** The user or identity memberships of a project. */
export function membersOfKind<K extends ProjectMember['kind']>(
  members: readonly ProjectMember[],
  kind: K,
): Extract<ProjectMember, { kind: K }>[] {
  return members.filter(
    (member): member is Extract<ProjectMember, { kind: K }> => member.kind === kind,
  );
}

/** A membership's roles replaced, answered as both PATCH routes answer. */
export function replaceRoles(
  state: SandboxState,
  project: Project,
  member: ProjectMember,
  roles: string[],
) {
  assertKnownRoles(project, roles);
  state.setMemberRoles(member, roles);
  return {
    roles: member.roles.map((role, index) => ({
      ...membershipRoleView(project, member, role, index),
      projectMembershipId: member.id,
    })),
  };
}
