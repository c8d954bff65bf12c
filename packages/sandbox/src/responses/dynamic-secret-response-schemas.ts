import {
  answerWith,
  anyValue,
  dateTime,
  nullableString,
  number,
  string,
} from './schema-primitives.js';

/**
 * The dynamic secret routes' answers (backend/src/ee/routes/v1/dynamic-secret-router.ts and
 * dynamic-secret-lease-router.ts): `SanitizedDynamicSecretSchema` (the configuration without its
 * encrypted inputs, plus `metadata`), with `inputs` only where a route extends it, and
 * `DynamicSecretLeasesSchema` for leases, whose credentials only a lease creation's `data` holds.
 */
const dynamicSecretProperties = {
  id: string,
  name: string,
  version: number,
  type: string,
  defaultTTL: string,
  maxTTL: nullableString,
  folderId: string,
  status: nullableString,
  statusDetails: nullableString,
  createdAt: dateTime,
  updatedAt: dateTime,
  usernameTemplate: nullableString,
  gatewayId: nullableString,
  gatewayV2Id: nullableString,
  metadata: {
    type: 'array',
    items: { type: 'object', properties: { key: string, value: string } },
  },
} as const;
const DYNAMIC_SECRET_REQUIRED = [
  'id',
  'name',
  'version',
  'type',
  'defaultTTL',
  'folderId',
  'createdAt',
  'updatedAt',
];

const dynamicSecret = {
  type: 'object',
  properties: dynamicSecretProperties,
  required: DYNAMIC_SECRET_REQUIRED,
} as const;

const leaseProperties = {
  id: string,
  version: number,
  externalEntityId: string,
  expireAt: dateTime,
  status: nullableString,
  statusDetails: nullableString,
  dynamicSecretId: string,
  createdAt: dateTime,
  updatedAt: dateTime,
  config: anyValue,
} as const;
const LEASE_REQUIRED = [
  'id',
  'version',
  'externalEntityId',
  'expireAt',
  'dynamicSecretId',
  'createdAt',
  'updatedAt',
];
const lease = { type: 'object', properties: leaseProperties, required: LEASE_REQUIRED } as const;

export const LIST_DYNAMIC_SECRETS_RESPONSE = answerWith('dynamicSecrets', {
  type: 'array',
  items: dynamicSecret,
});

export const DYNAMIC_SECRET_WITH_INPUTS_RESPONSE = answerWith('dynamicSecret', {
  type: 'object',
  properties: { ...dynamicSecretProperties, inputs: anyValue },
  required: DYNAMIC_SECRET_REQUIRED,
});

export const LIST_LEASES_RESPONSE = answerWith('leases', { type: 'array', items: lease });

export const LEASE_RESPONSE = answerWith('lease', lease);

export const LEASE_WITH_DYNAMIC_SECRET_RESPONSE = answerWith('lease', {
  type: 'object',
  properties: { ...leaseProperties, dynamicSecret },
  required: [...LEASE_REQUIRED, 'dynamicSecret'],
});

export const CREATED_LEASE_RESPONSE = {
  200: {
    type: 'object',
    properties: { lease, dynamicSecret, data: anyValue },
    required: ['lease', 'dynamicSecret', 'data'],
  },
} as const;
