import {
  boolean,
  dateTime,
  nullableDateTime,
  nullableString,
  string,
} from './schema-primitives.js';

/**
 * A membership's roles as Infisical's membership listings declare them (the same inline zod
 * object in project-membership-router.ts and both identity membership routers): no timestamps.
 */
export const listedMembershipRoles = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: string,
      role: string,
      customRoleId: nullableString,
      customRoleName: nullableString,
      customRoleSlug: nullableString,
      isTemporary: boolean,
      temporaryMode: nullableString,
      temporaryRange: nullableString,
      temporaryAccessStartTime: nullableDateTime,
      temporaryAccessEndTime: nullableDateTime,
    },
    required: ['id', 'role', 'isTemporary'],
  },
} as const;

/**
 * What a PATCH of a user's or (deprecated route) an identity's roles answers:
 * `{ roles: ProjectUserMembershipRolesSchema[] }`, each with `projectMembershipId` and timestamps
 * but no custom role name or slug.
 */
export const CHANGED_ROLES_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      roles: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: string,
            role: string,
            projectMembershipId: string,
            customRoleId: nullableString,
            isTemporary: boolean,
            temporaryMode: nullableString,
            temporaryRange: nullableString,
            temporaryAccessStartTime: nullableDateTime,
            temporaryAccessEndTime: nullableDateTime,
            createdAt: dateTime,
            updatedAt: dateTime,
          },
          required: ['id', 'role', 'projectMembershipId', 'isTemporary', 'createdAt', 'updatedAt'],
        },
      },
    },
    required: ['roles'],
  },
} as const;
