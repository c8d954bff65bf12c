/**
 * The entities the sandbox keeps in memory. Dates are real Dates; the routes' response schemas
 * write them as ISO strings.
 */

export interface Organization {
  id: string;
  name: string;
  createdAt: Date;
}

export interface MachineIdentity {
  id: string;
  name: string;
  orgId: string;
  clientId: string;
  clientSecret: string;
  createdAt: Date;
}

export interface AccessToken {
  token: string;
  identityId: string;
  issuedAt: number;
  /** Epoch ms; never later than `maxExpiresAt`. */
  expiresAt: number;
  /** Login time + accessTokenMaxTTL: renewals cannot go past it. */
  maxExpiresAt: number;
  revoked: boolean;
}

export const PROJECT_TYPES = [
  'secret-manager',
  'cert-manager',
  'kms',
  'ssh',
  'secret-scanning',
  'pam',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface Project {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  type: ProjectType;
  orgId: string;
  hasDeleteProtection: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Kept ordered by position. */
  environments: Environment[];
  members: ProjectMember[];
  /** Custom roles; the built-in ones (admin, member, viewer, no-access) are not stored. */
  roles: ProjectRole[];
  /** Infisical's `enforceCapitalization`: secret names must be upper case. */
  enforceCapitalization: boolean;
}

/** What a rule's condition on `environment` or `secretPath` may be, as Infisical's roles write it. */
export type PermissionCondition =
  | string
  | { $eq?: string; $ne?: string; $in?: string[]; $glob?: string };

/**
 * One rule of a role, in Infisical's (CASL) shape: `subject` is e.g. `secrets` or `commits`,
 * `action` e.g. `describeSecret`, `readValue`, `create`, `edit`, `delete`, or the legacy `read`.
 */
export interface PermissionRule {
  subject: string;
  action: string[];
  conditions?: { environment?: PermissionCondition; secretPath?: PermissionCondition };
  inverted?: boolean;
}

export interface ProjectRole {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  permissions: PermissionRule[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Environment {
  id: string;
  name: string;
  slug: string;
  position: number;
  projectId: string;
  createdAt: Date;
  updatedAt: Date;
  /** Keyed by normalised path; the root `/` always exists. */
  folders: Map<string, Folder>;
}

export interface Folder {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  envId: string;
  description: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Keyed by secret key, in creation order. */
  secrets: Map<string, Secret>;
  imports: SecretImport[];
}

/** Tags belong to one project; Infisical names a tag by its slug. */
export interface SecretTag {
  id: string;
  projectId: string;
  slug: string;
  name: string;
  color: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SecretVersion {
  version: number;
  key: string;
  value: string;
  comment: string;
  createdAt: Date;
}

export interface Secret {
  id: string;
  key: string;
  value: string;
  comment: string;
  /** Starts at 1; every update adds 1. */
  version: number;
  type: 'shared';
  skipMultilineEncoding: boolean;
  tags: SecretTag[];
  createdAt: Date;
  updatedAt: Date;
  /** Every version including the current one, oldest first. */
  history: SecretVersion[];
}

/** The folder at `importPath` in environment `importEnv` is imported into the owning folder. */
export interface SecretImport {
  id: string;
  importEnv: string;
  importPath: string;
  position: number;
  createdAt: Date;
}

export interface IdentityMember {
  kind: 'identity';
  id: string;
  identityId: string;
  roles: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface UserMember {
  kind: 'user';
  id: string;
  userId: string;
  email: string | null;
  username: string;
  roles: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type ProjectMember = IdentityMember | UserMember;

export interface OrgUser {
  id: string;
  email: string | null;
  username: string;
  createdAt: Date;
}
