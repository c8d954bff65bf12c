import {
  dateTime,
  nullableBoolean,
  nullableDateTime,
  nullableNumber,
  nullableString,
  number,
  string,
} from './schema-primitives.js';

/**
 * The secret-import routes' answers (backend/src/server/routes/v2/secret-import-router.ts):
 * `SecretImportsSchema` with `importEnv` expanded to the imported environment's name, slug and id.
 */
const secretImport = {
  type: 'object',
  properties: {
    id: string,
    version: nullableNumber,
    importPath: string,
    position: number,
    createdAt: dateTime,
    updatedAt: dateTime,
    folderId: string,
    isReplication: nullableBoolean,
    isReplicationSuccess: nullableBoolean,
    replicationStatus: nullableString,
    lastReplicated: nullableDateTime,
    isReserved: nullableBoolean,
    importEnv: {
      type: 'object',
      properties: { name: string, slug: string, id: string },
      required: ['name', 'slug', 'id'],
    },
  },
  required: ['id', 'importPath', 'position', 'createdAt', 'updatedAt', 'folderId', 'importEnv'],
} as const;

export const LIST_SECRET_IMPORTS_RESPONSE = {
  200: {
    type: 'object',
    properties: { message: string, secretImports: { type: 'array', items: secretImport } },
    required: ['message', 'secretImports'],
  },
} as const;

export const SECRET_IMPORT_RESPONSE = {
  200: {
    type: 'object',
    properties: { message: string, secretImport },
    required: ['message', 'secretImport'],
  },
} as const;
