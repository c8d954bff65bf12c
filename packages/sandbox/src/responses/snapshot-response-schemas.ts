import { sanitizedTags, secretRawProperties } from './secret-response-schemas.js';

/**
 * `GET /api/v1/secret-snapshot/:id` as backend/src/ee/routes/v1/snapshot-router.ts declares its
 * answer: each secret version is `secretRawSchema` without `_id`, `environment`, `workspace` and
 * `type`, plus `secretValueHidden`, `secretId` and tags.
 */
const {
  _id: _omittedId,
  environment: _omittedEnvironment,
  workspace: _omittedWorkspace,
  type: _omittedType,
  ...versionProperties
} = secretRawProperties;

const string = { type: 'string' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

export const SNAPSHOT_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      secretSnapshot: {
        type: 'object',
        properties: {
          id: string,
          projectId: string,
          environment: {
            type: 'object',
            properties: { id: string, slug: string, name: string },
            required: ['id', 'slug', 'name'],
          },
          secretVersions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                ...versionProperties,
                secretValueHidden: { type: 'boolean' },
                secretId: string,
                tags: sanitizedTags,
              },
              required: ['id', 'secretKey', 'secretValue', 'secretValueHidden', 'secretId'],
            },
          },
          folderVersion: {
            type: 'array',
            items: { type: 'object', properties: { id: string, name: string } },
          },
          createdAt: dateTime,
          updatedAt: dateTime,
        },
        required: ['id', 'projectId', 'environment', 'secretVersions', 'folderVersion'],
      },
    },
    required: ['secretSnapshot'],
  },
} as const;

/**
 * `GET /api/v1/projects/:projectId/secret-snapshots` lists `SecretSnapshotsSchema` rows (which
 * folder, when; not their contents); its `/count` answers `{ count }`.
 */
export const LIST_SNAPSHOTS_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      secretSnapshots: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: string,
            envId: string,
            folderId: string,
            parentFolderId: { type: ['string', 'null'] },
            createdAt: dateTime,
            updatedAt: dateTime,
          },
          required: ['id', 'envId', 'folderId', 'createdAt', 'updatedAt'],
        },
      },
    },
    required: ['secretSnapshots'],
  },
} as const;

export const SNAPSHOT_COUNT_RESPONSE = {
  200: { type: 'object', properties: { count: { type: 'number' } }, required: ['count'] },
} as const;
