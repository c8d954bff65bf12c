import {
  answerWith,
  anyValue,
  boolean,
  dateTime,
  nullableString,
  string,
} from './schema-primitives.js';

/**
 * The project role routes' answers as backend/src/ee/routes/v1/project-role-router.ts declares
 * them: the list gives `ProjectRolesSchema` without `permissions` (and `version`); get by slug,
 * create, update and delete give `SanitizedRoleSchema` (backend/src/server/routes/sanitizedSchemas.ts),
 * the row with its rules as `UnpackedPermissionSchema` (sanitizedSchema/permission.ts).
 */
const roleProperties = {
  id: string,
  name: string,
  description: nullableString,
  slug: string,
  createdAt: dateTime,
  updatedAt: dateTime,
  projectId: string,
} as const;
const ROLE_REQUIRED = ['id', 'name', 'slug', 'createdAt', 'updatedAt', 'projectId'];

/** A rule: `subject`, `action` (always a list, as Infisical's schema makes it), and `conditions` and `inverted` when present. */
const unpackedPermission = {
  type: 'object',
  properties: {
    subject: string,
    action: { type: 'array', items: string },
    conditions: anyValue,
    inverted: boolean,
  },
  required: ['action'],
} as const;

export const LIST_PROJECT_ROLES_RESPONSE = answerWith('roles', {
  type: 'array',
  items: { type: 'object', properties: roleProperties, required: ROLE_REQUIRED },
});

/** Get by slug, create, update and delete. */
export const PROJECT_ROLE_RESPONSE = answerWith('role', {
  type: 'object',
  properties: {
    ...roleProperties,
    permissions: { type: 'array', items: unpackedPermission },
  },
  required: [...ROLE_REQUIRED, 'permissions'],
});
