import { listedMembershipRoles } from './membership-role-schemas.js';
import { answerWith, dateTime, nullableString, number, string } from './schema-primitives.js';

/**
 * Machine identity memberships: the current routes
 * (backend/src/server/routes/v1/identity-project-membership-router.ts) and the deprecated ones
 * (deprecated-identity-project-membership-router.ts). Both lists share the entry; the deprecated
 * one adds the identity's `authMethods` and the project's name and id. A change or removal
 * answers the bare `IdentityProjectMembershipsSchema` row.
 */
const identityProperties = {
  name: string,
  id: string,
  orgId: string,
  projectId: nullableString,
} as const;
const IDENTITY_REQUIRED = ['name', 'id', 'orgId'];

const entryProperties = {
  id: string,
  identityId: string,
  createdAt: dateTime,
  updatedAt: dateTime,
  roles: listedMembershipRoles,
} as const;
const ENTRY_REQUIRED = ['id', 'identityId', 'createdAt', 'updatedAt', 'roles', 'identity'];

function membershipList(entry: object) {
  return {
    200: {
      type: 'object',
      properties: {
        identityMemberships: { type: 'array', items: entry },
        totalCount: number,
      },
      required: ['identityMemberships', 'totalCount'],
    },
  } as const;
}

export const LIST_IDENTITY_MEMBERSHIPS_RESPONSE = membershipList({
  type: 'object',
  properties: {
    ...entryProperties,
    identity: { type: 'object', properties: identityProperties, required: IDENTITY_REQUIRED },
  },
  required: ENTRY_REQUIRED,
});

export const LIST_DEPRECATED_IDENTITY_MEMBERSHIPS_RESPONSE = membershipList({
  type: 'object',
  properties: {
    ...entryProperties,
    identity: {
      type: 'object',
      properties: { ...identityProperties, authMethods: { type: 'array', items: string } },
      required: [...IDENTITY_REQUIRED, 'authMethods'],
    },
    project: {
      type: 'object',
      properties: { name: string, id: string },
      required: ['name', 'id'],
    },
  },
  required: [...ENTRY_REQUIRED, 'project'],
});

export const IDENTITY_MEMBERSHIP_RESPONSE = answerWith('identityMembership', {
  type: 'object',
  properties: {
    id: string,
    role: string,
    roleId: nullableString,
    projectId: string,
    identityId: string,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: ['id', 'projectId', 'identityId', 'createdAt', 'updatedAt'],
});
