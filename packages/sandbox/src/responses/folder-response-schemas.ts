/**
 * The folder routes' answers as backend/src/server/routes/v2/secret-folder-router.ts declares
 * them: `GET /api/v2/folders` lists `SecretFoldersSchema` (no `path`) and, with `recursive`,
 * `relativePath`; create and update answer `SecretFoldersSchema` with `path`; delete the bare
 * `SecretFoldersSchema`. The folder view carries `path`; the list and delete schemas leave it
 * out, as zod strips it in Infisical.
 */
const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

const folderProperties = {
  id: string,
  name: string,
  version: { type: 'number' },
  createdAt: dateTime,
  updatedAt: dateTime,
  envId: string,
  parentId: nullableString,
  isReserved: { type: 'boolean' },
  description: nullableString,
  lastSecretModified: nullableString,
} as const;
const FOLDER_REQUIRED = ['id', 'name', 'envId', 'createdAt', 'updatedAt'];

export const LIST_FOLDERS_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      folders: {
        type: 'array',
        items: {
          type: 'object',
          properties: { ...folderProperties, relativePath: string },
          required: FOLDER_REQUIRED,
        },
      },
    },
    required: ['folders'],
  },
} as const;

/**
 * `POST /api/v2/folders`, `PATCH /api/v2/folders/:folderId`, and the deprecated `POST /api/v1/folders`
 * (backend/src/server/routes/v1/deprecated-secret-folder-router.ts declares the same schema).
 */
export const FOLDER_WITH_PATH_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      folder: {
        type: 'object',
        properties: { ...folderProperties, path: string },
        required: [...FOLDER_REQUIRED, 'path'],
      },
    },
    required: ['folder'],
  },
} as const;

/** `DELETE /api/v2/folders/:folderIdOrName` answers the bare `SecretFoldersSchema` too. */
export const DELETED_FOLDER_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      folder: { type: 'object', properties: folderProperties, required: FOLDER_REQUIRED },
    },
    required: ['folder'],
  },
} as const;
