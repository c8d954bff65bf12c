import { dateTime, nullableBoolean, nullableString, number, string } from './schema-primitives.js';

/**
 * The KMS routes' answers (backend/src/server/routes/v1/cmek-router.ts): `CmekSchema`,
 * `KmsKeysSchema` with the internal key's `version` and `encryptionAlgorithm` and without
 * `isReserved`. The key material is not among its keys.
 */
const cmek = {
  type: 'object',
  properties: {
    id: string,
    name: string,
    description: nullableString,
    isDisabled: nullableBoolean,
    orgId: string,
    projectId: nullableString,
    keyUsage: string,
    version: number,
    encryptionAlgorithm: string,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
  required: [
    'id',
    'name',
    'orgId',
    'keyUsage',
    'version',
    'encryptionAlgorithm',
    'createdAt',
    'updatedAt',
  ],
} as const;

export const LIST_KMS_KEYS_RESPONSE = {
  200: {
    type: 'object',
    properties: { keys: { type: 'array', items: cmek }, totalCount: number },
    required: ['keys', 'totalCount'],
  },
} as const;

export const ENCRYPTED_RESPONSE = {
  200: { type: 'object', properties: { ciphertext: string }, required: ['ciphertext'] },
} as const;

export const DECRYPTED_RESPONSE = {
  200: { type: 'object', properties: { plaintext: string }, required: ['plaintext'] },
} as const;
