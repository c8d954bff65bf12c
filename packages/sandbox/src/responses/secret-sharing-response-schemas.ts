import {
  boolean,
  dateTime,
  nullableDateTime,
  nullableNumber,
  nullableString,
  string,
} from './schema-primitives.js';

/**
 * `POST /api/v1/secret-sharing` (backend/src/server/routes/v1/secret-sharing-router.ts) answers
 * `SanitizedSecretSharingSchema`, the shared secret without its encrypted value, password and
 * hash, plus `sharedSecretLink`.
 */
export const SHARED_SECRET_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      id: string,
      name: nullableString,
      type: string,
      accessType: string,
      expiresAt: dateTime,
      expiresAfterViews: nullableNumber,
      lastViewedAt: nullableDateTime,
      userId: nullableString,
      identityId: nullableString,
      orgId: nullableString,
      authorizedEmails: { type: ['array', 'null'], items: string },
      allowExternalEmails: boolean,
      createdAt: dateTime,
      updatedAt: dateTime,
      sharedSecretLink: string,
    },
    required: ['id', 'expiresAt', 'createdAt', 'updatedAt', 'sharedSecretLink'],
  },
} as const;
