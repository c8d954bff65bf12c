import { listedMembershipRoles } from './membership-role-schemas.js';
import { answerWith, dateTime, nullableString, string } from './schema-primitives.js';

/**
 * User memberships of a project (backend/src/server/routes/v1/project-membership-router.ts):
 * invite and delete answer bare `ProjectMembershipsSchema` rows; the list adds the user and the
 * roles and leaves out `updatedAt`.
 */
const membershipRowProperties = {
  id: string,
  createdAt: dateTime,
  updatedAt: dateTime,
  userId: string,
  projectId: string,
} as const;
const membershipRow = {
  type: 'object',
  properties: membershipRowProperties,
  required: ['id', 'createdAt', 'updatedAt', 'userId', 'projectId'],
} as const;

const { updatedAt: _updatedAt, ...listedRowProperties } = membershipRowProperties;

export const LIST_MEMBERSHIPS_RESPONSE = answerWith('memberships', {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      ...listedRowProperties,
      user: {
        type: 'object',
        properties: {
          email: nullableString,
          firstName: nullableString,
          lastName: nullableString,
          id: string,
          username: string,
          publicKey: nullableString,
        },
        required: ['id', 'username'],
      },
      roles: listedMembershipRoles,
    },
    required: ['id', 'createdAt', 'userId', 'projectId', 'user', 'roles'],
  },
});

export const INVITED_MEMBERSHIPS_RESPONSE = answerWith('memberships', {
  type: 'array',
  items: membershipRow,
});

export const DELETED_MEMBERSHIP_RESPONSE = answerWith('membership', membershipRow);
