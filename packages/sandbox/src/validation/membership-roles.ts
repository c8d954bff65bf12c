import { badRequest } from '../errors/infisical-errors.js';
import type { InputReader } from './input-reader.js';

/** Infisical's built-in project roles; the sandbox has no custom roles. */
export const BUILT_IN_PROJECT_ROLES = ['admin', 'member', 'viewer', 'no-access'] as const;

/**
 * The `roles` body of a membership update: `[{ role, isTemporary? }]`, at least one. Temporary
 * roles are not modelled, so `isTemporary: true` is refused.
 */
export function readMembershipRoles(input: InputReader): string[] {
  const roles = input.objectArray(
    'roles',
    (item) => {
      const role = item.string('role');
      const isTemporary = item.optionalBoolean('isTemporary') ?? false;
      item.refine('isTemporary', !isTemporary, 'The sandbox does not model temporary roles');
      return role;
    },
    { min: 1 },
  );
  return roles;
}

/** Unknown role slugs are a 400, as Infisical answers for a custom role the project lacks. */
export function assertKnownRoles(roles: readonly string[]): void {
  const unknown = roles.filter(
    (role) => !(BUILT_IN_PROJECT_ROLES as readonly string[]).includes(role),
  );
  if (unknown.length > 0) throw badRequest(`Role not found: ${unknown.join(', ')}`);
}
