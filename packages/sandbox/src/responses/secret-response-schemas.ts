/**
 * The 200 answers of the secret routes as JSON Schemas that mirror Infisical's zod response
 * schemas: `secretRawSchema` in backend/src/server/routes/sanitizedSchemas.ts and the `response`
 * of each route in backend/src/server/routes/v4/secret-router.ts. Fastify serializes a reply
 * through its route's schema, which leaves out every key the schema lacks, as zod's `.parse`
 * strips them in Infisical: a view that grew a key Infisical does not send cannot leak it.
 */

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

export const secretRawProperties = {
  id: string,
  _id: string,
  workspace: string,
  environment: string,
  version: { type: 'number' },
  type: string,
  secretKey: string,
  secretValue: string,
  secretComment: string,
  secretReminderNote: nullableString,
  secretReminderRepeatDays: { type: ['number', 'null'] },
  skipMultilineEncoding: { type: ['boolean', 'null'] },
  isRotatedSecret: { type: 'boolean' },
  rotationId: nullableString,
  createdAt: dateTime,
  updatedAt: dateTime,
} as const;

const REQUIRED = [
  'id',
  '_id',
  'workspace',
  'environment',
  'version',
  'type',
  'secretKey',
  'secretValue',
  'secretComment',
];

export const secretMetadata = {
  type: 'array',
  items: {
    type: 'object',
    properties: { key: string, value: string, isEncrypted: { type: 'boolean' } },
  },
} as const;

const secretRaw = {
  type: 'object',
  properties: secretRawProperties,
  required: [...REQUIRED, 'createdAt', 'updatedAt'],
} as const;

/** `secretRawSchema.extend({ secretValueHidden })`: update, delete and batch update or delete. */
const writtenSecret = {
  type: 'object',
  properties: { ...secretRawProperties, secretValueHidden: { type: 'boolean' } },
  required: [...REQUIRED, 'secretValueHidden'],
} as const;

/** Infisical's `SanitizedTagSchema`, as secrets and snapshots list their tags. */
export const sanitizedTags = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id: string, slug: string, name: string, color: nullableString },
  },
} as const;

/** A listed or read secret: the raw schema with its path, tags and metadata. */
const readSecret = {
  type: 'object',
  properties: {
    ...secretRawProperties,
    secretPath: string,
    secretValueHidden: { type: 'boolean' },
    secretMetadata,
    tags: sanitizedTags,
  },
  required: [...REQUIRED, 'secretPath', 'secretValueHidden'],
} as const;

/** An imported secret: the raw schema without timestamps. */
const { createdAt: _createdAt, updatedAt: _updatedAt, ...untimedProperties } = secretRawProperties;
const importedSecret = {
  type: 'object',
  properties: { ...untimedProperties, secretValueHidden: { type: 'boolean' }, secretMetadata },
  required: [...REQUIRED, 'secretValueHidden'],
} as const;

export const LIST_SECRETS_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      secrets: { type: 'array', items: readSecret },
      imports: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            secretPath: string,
            environment: string,
            folderId: string,
            secrets: { type: 'array', items: importedSecret },
          },
        },
      },
    },
    required: ['secrets'],
  },
} as const;

export const READ_SECRET_RESPONSE = {
  200: { type: 'object', properties: { secret: readSecret }, required: ['secret'] },
} as const;

export const CREATED_SECRET_RESPONSE = {
  200: { type: 'object', properties: { secret: secretRaw }, required: ['secret'] },
} as const;

export const WRITTEN_SECRET_RESPONSE = {
  200: { type: 'object', properties: { secret: writtenSecret }, required: ['secret'] },
} as const;

export const CREATED_SECRETS_RESPONSE = {
  200: {
    type: 'object',
    properties: { secrets: { type: 'array', items: secretRaw } },
    required: ['secrets'],
  },
} as const;

export const WRITTEN_SECRETS_RESPONSE = {
  200: {
    type: 'object',
    properties: { secrets: { type: 'array', items: writtenSecret } },
    required: ['secrets'],
  },
} as const;

/** `POST /api/v4/secrets/move` (v4/secret-router.ts): whether each side changed. */
export const MOVED_SECRETS_RESPONSE = {
  200: {
    type: 'object',
    properties: { isSourceUpdated: { type: 'boolean' }, isDestinationUpdated: { type: 'boolean' } },
    required: ['isSourceUpdated', 'isDestinationUpdated'],
  },
} as const;
