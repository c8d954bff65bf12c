import { isBuiltInRole } from '../auth/built-in-project-roles.js';
import { badRequest } from '../errors/infisical-errors.js';
import type { Project } from '../state/model.js';
import type { InputReader } from './input-reader.js';

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
export function assertKnownRoles(project: Project, roles: readonly string[]): void {
  const unknown = roles.filter(
    (role) => !isBuiltInRole(role) && !project.roles.some((custom) => custom.slug === role),
  );
  if (unknown.length > 0) throw badRequest(`Role not found: ${unknown.join(', ')}`);
}
