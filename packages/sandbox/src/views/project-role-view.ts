import type { PermissionRule } from '../state/model.js';

interface RoleFields {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  permissions: readonly PermissionRule[];
  createdAt: Date;
  updatedAt: Date;
}

/** A role in the list route's shape: `ProjectRolesSchema` without `permissions` and `version`. */
export function projectRoleListView(projectId: string, role: RoleFields) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    slug: role.slug,
    createdAt: role.createdAt,
    updatedAt: role.updatedAt,
    projectId,
  };
}

/** Infisical's `SanitizedRoleSchema`: the row with its rules unpacked. */
export function projectRoleView(projectId: string, role: RoleFields) {
  return {
    ...projectRoleListView(projectId, role),
    permissions: role.permissions.map(unpackedRuleView),
  };
}

/**
 * A rule as Infisical answers it: `unpackRules` gives a single action as a string, and the
 * router's `UnpackedPermissionSchema` makes every action a list again; `conditions` and
 * `inverted` only when present.
 */
function unpackedRuleView(rule: PermissionRule) {
  return {
    subject: rule.subject,
    action: [...rule.action],
    ...(rule.conditions ? { conditions: rule.conditions } : {}),
    ...(rule.inverted ? { inverted: true } : {}),
  };
}
