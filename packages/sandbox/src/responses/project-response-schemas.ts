import {
  answerWith,
  boolean,
  dateTime,
  nullableBoolean,
  nullableNumber,
  nullableString,
  number,
  string,
} from './schema-primitives.js';

/**
 * The project routes' answers (backend/src/server/routes/v1/project-router.ts):
 * `SanitizedProjectSchema` (backend/src/server/routes/sanitizedSchemas.ts) for update and delete,
 * and `projectWithEnv`, the same plus `_id` and the environments' name, slug and id, for list,
 * get and create. `enforceCapitalization` is not among its keys: projects answer `autoCapitalization`.
 */
const sanitizedProjectProperties = {
  id: string,
  name: string,
  description: nullableString,
  type: string,
  defaultProduct: nullableString,
  slug: string,
  autoCapitalization: nullableBoolean,
  orgId: string,
  createdAt: dateTime,
  updatedAt: dateTime,
  version: number,
  upgradeStatus: nullableString,
  pitVersionLimit: number,
  kmsCertificateKeyId: nullableString,
  auditLogsRetentionDays: nullableNumber,
  hasDeleteProtection: nullableBoolean,
  secretSharing: boolean,
  showSnapshotsLegacy: boolean,
  secretDetectionIgnoreValues: { type: ['array', 'null'], items: string },
  enforceEncryptedSecretManagerSecretMetadata: nullableBoolean,
} as const;
const PROJECT_REQUIRED = ['id', 'name', 'slug', 'type', 'orgId', 'createdAt', 'updatedAt'];

const sanitizedProject = {
  type: 'object',
  properties: sanitizedProjectProperties,
  required: PROJECT_REQUIRED,
} as const;

const projectWithEnvironments = {
  type: 'object',
  properties: {
    ...sanitizedProjectProperties,
    _id: string,
    environments: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: string, slug: string, id: string },
        required: ['name', 'slug', 'id'],
      },
    },
  },
  required: [...PROJECT_REQUIRED, '_id', 'environments'],
} as const;

export const LIST_PROJECTS_RESPONSE = answerWith('projects', {
  type: 'array',
  items: projectWithEnvironments,
});
export const PROJECT_RESPONSE = answerWith('project', projectWithEnvironments);
export const CHANGED_PROJECT_RESPONSE = answerWith('project', sanitizedProject);

/** The deprecated `/api/v1/workspace` routes answer the same projects under other keys. */
export const LIST_WORKSPACES_RESPONSE = answerWith('workspaces', {
  type: 'array',
  items: projectWithEnvironments,
});
export const WORKSPACE_RESPONSE = answerWith('workspace', projectWithEnvironments);
