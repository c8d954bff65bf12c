import { Type } from '@sinclair/typebox';
import type { ApiMembershipRole, MembershipTarget } from '../../infisical/api/memberships-api.js';
import { Identifier, uuidArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';

/** The two ways to name a project member; a tool takes exactly one. */
export const membershipTargetArgs = (purpose: string) => ({
  membershipId: Type.Optional(uuidArg(`Membership ID of the user ${purpose}; or give identityId.`)),
  identityId: Type.Optional(
    uuidArg(`ID of the machine identity ${purpose}; or give membershipId.`),
  ),
});

export function membershipTargetOf(input: {
  membershipId?: string | undefined;
  identityId?: string | undefined;
}): MembershipTarget {
  if (input.membershipId !== undefined && input.identityId === undefined) {
    return { membershipId: input.membershipId };
  }
  if (input.identityId !== undefined && input.membershipId === undefined) {
    return { identityId: input.identityId };
  }
  throw new ToolInputError(
    'Give exactly one of membershipId (a user, from list-project-members) or identityId (a machine identity, from list-project-identities).',
  );
}

export const RoleSlugs = Type.Array(Identifier('slug', { maxLength: 64 }), {
  description: 'Role slugs, e.g. "admin", "member" or "viewer".',
});

/** Role slugs as a user would name them: a custom role by its own slug. */
export function roleSlugsOf(roles: readonly ApiMembershipRole[]): string[] {
  return roles.map((role) =>
    role.role === 'custom' && role.customRoleSlug ? role.customRoleSlug : role.role,
  );
}
