/**
 * The project permission subjects the sandbox checks and the actions Infisical's
 * `ProjectPermissionV2Schema` accepts for each (backend/src/ee/services/permission/
 * project-permission.ts). Subjects in {@link CONDITIONAL_SUBJECTS} take `environment` and
 * `secretPath` conditions and may be inverted.
 */

const CRUD = ['read', 'create', 'edit', 'delete'] as const;

export const SUBJECT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  secrets: ['read', 'describeSecret', 'readValue', 'create', 'edit', 'delete'],
  'secret-folders': CRUD,
  'secret-imports': CRUD,
  'dynamic-secrets': [
    'read-root-credential',
    'create-root-credential',
    'edit-root-credential',
    'delete-root-credential',
    'lease',
  ],
  commits: ['read', 'perform-rollback'],
  tags: CRUD,
  environments: CRUD,
  settings: CRUD,
  role: CRUD,
  workspace: ['edit', 'delete'],
  member: [
    ...CRUD,
    'grant-privileges',
    'assign-role',
    'assign-additional-privileges',
    'assume-privileges',
  ],
  identity: [
    ...CRUD,
    'grant-privileges',
    'assign-role',
    'assign-additional-privileges',
    'assume-privileges',
    'revoke-auth',
    'create-token',
    'get-token',
    'delete-token',
  ],
  cmek: [...CRUD, 'encrypt', 'decrypt', 'sign', 'verify', 'rotate', 'export-private-key'],
};

export const CONDITIONAL_SUBJECTS: readonly string[] = [
  'secrets',
  'secret-folders',
  'secret-imports',
  'dynamic-secrets',
];
