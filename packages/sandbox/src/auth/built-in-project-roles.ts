import type { PermissionRule } from '../state/model.js';

/**
 * Infisical's built-in project roles (backend/src/ee/services/permission/default-roles.ts and
 * project-role-fns.ts), for the subjects the sandbox's routes check. Subjects the sandbox has no
 * route for (integrations, webhooks, certificates, ...) are left out.
 */

const CRUD = ['read', 'create', 'edit', 'delete'];
const EVERY_SECRET_ACTION = ['describeSecret', 'read', 'readValue', 'create', 'edit', 'delete'];
const EVERY_DYNAMIC_SECRET_ACTION = [
  'read-root-credential',
  'edit-root-credential',
  'create-root-credential',
  'delete-root-credential',
  'lease',
];
/** What an admin may do to a user's or an identity's membership of the project. */
const EVERY_MEMBERSHIP_ACTION = [
  'create',
  'edit',
  'delete',
  'read',
  'grant-privileges',
  'assign-role',
  'assign-additional-privileges',
  'assume-privileges',
];
const MEMBER_CMEK_ACTIONS = [
  'create',
  'edit',
  'delete',
  'read',
  'encrypt',
  'decrypt',
  'sign',
  'verify',
  'rotate',
];

const rule = (subject: string, action: string[]): PermissionRule => ({ subject, action });

const ADMIN: PermissionRule[] = [
  ...['secret-folders', 'secret-imports', 'role', 'settings', 'environments', 'tags'].map(
    (subject) => rule(subject, CRUD),
  ),
  rule('commits', ['read', 'perform-rollback']),
  rule('member', EVERY_MEMBERSHIP_ACTION),
  rule('identity', [
    ...EVERY_MEMBERSHIP_ACTION,
    'get-token',
    'create-token',
    'delete-token',
    'revoke-auth',
  ]),
  rule('secrets', EVERY_SECRET_ACTION),
  rule('dynamic-secrets', EVERY_DYNAMIC_SECRET_ACTION),
  rule('workspace', ['edit', 'delete']),
  rule('cmek', [...MEMBER_CMEK_ACTIONS, 'export-private-key']),
];

const MEMBER: PermissionRule[] = [
  rule('secrets', EVERY_SECRET_ACTION),
  rule('secret-folders', CRUD),
  rule('dynamic-secrets', EVERY_DYNAMIC_SECRET_ACTION),
  rule('secret-imports', CRUD),
  rule('commits', ['read', 'perform-rollback']),
  rule('member', ['read', 'create']),
  rule('identity', ['read', 'edit', 'create', 'delete']),
  rule('settings', CRUD),
  rule('environments', CRUD),
  rule('tags', CRUD),
  rule('role', ['read']),
  rule('cmek', MEMBER_CMEK_ACTIONS),
];

const VIEWER: PermissionRule[] = [
  rule('secrets', ['describeSecret', 'readValue']),
  rule('secret-folders', ['read']),
  rule('dynamic-secrets', ['read-root-credential']),
  rule('secret-imports', ['read']),
  rule('commits', ['read']),
  rule('member', ['read']),
  rule('role', ['read']),
  rule('identity', ['read']),
  rule('settings', ['read']),
  rule('environments', ['read']),
  rule('tags', ['read']),
  rule('cmek', ['read']),
];

export interface BuiltInProjectRole {
  slug: string;
  name: string;
  description: string;
  permissions: readonly PermissionRule[];
}

/** In the order Infisical lists them (`getPredefinedRoles`). */
export const BUILT_IN_PROJECT_ROLES: readonly BuiltInProjectRole[] = [
  {
    slug: 'admin',
    name: 'Admin',
    description: 'Full administrative access over a project',
    permissions: ADMIN,
  },
  {
    slug: 'member',
    name: 'Member',
    description: 'Limited read/write role in a project',
    permissions: MEMBER,
  },
  {
    slug: 'viewer',
    name: 'Viewer',
    description: 'Only read role in a project',
    permissions: VIEWER,
  },
  {
    slug: 'no-access',
    name: 'No Access',
    description: 'No access to any resources in the project',
    permissions: [],
  },
];

export function findBuiltInRole(slug: string): BuiltInProjectRole | undefined {
  return BUILT_IN_PROJECT_ROLES.find((role) => role.slug === slug);
}

export function isBuiltInRole(slug: string): boolean {
  return findBuiltInRole(slug) !== undefined;
}
