import { isBuiltInRole } from '../auth/built-in-project-roles.js';
import type { Clock } from '../clock.js';
import { badRequest, forbidden, notFound } from '../errors/infisical-errors.js';
import { newAccessToken, newClientSecret, newId, randomAlphanumeric } from '../ids.js';
import { slugify } from '../validation/infisical-fields.js';
import { DynamicSecretStore } from './dynamic-secret-store.js';
import { KmsKeyStore } from './kms-key-store.js';
import type {
  AccessToken,
  Environment,
  Folder,
  IdentityMember,
  MachineIdentity,
  Organization,
  OrgUser,
  PermissionRule,
  Project,
  ProjectMember,
  ProjectRole,
  ProjectType,
  Secret,
  SecretImport,
  UserMember,
} from './model.js';
import { ProjectTags } from './project-tags.js';
import { isPathWithin, joinSecretPath, normalizeSecretPath, pathSegments } from './secret-path.js';
import { SharedSecretStore } from './shared-secret-store.js';
import { SnapshotStore } from './snapshot-store.js';

export interface TokenPolicy {
  /** Seconds a fresh or renewed token lives. */
  accessTokenTTL: number;
  /** Seconds after login beyond which a token can no longer be renewed. */
  accessTokenMaxTTL: number;
}

export interface CreateProjectInput {
  name: string;
  slug?: string;
  description?: string | null;
  type?: ProjectType;
  /** Default true: dev, staging and prod, like Infisical. */
  createDefaultEnvironments?: boolean;
  hasDeleteProtection?: boolean;
  /** Secret names must be upper case (Infisical's `enforceCapitalization`). Default false. */
  enforceCapitalization?: boolean;
  /** Becomes the project's admin. */
  adminIdentityId?: string;
}

export interface CreateProjectRoleInput {
  slug: string;
  name?: string;
  description?: string;
  permissions: readonly PermissionRule[];
}

export interface CreateIdentityInput {
  name?: string;
  /** Projects the identity joins as a member. */
  projectIds?: readonly string[];
  roles?: readonly string[];
}

export interface SecretLocation {
  projectId: string;
  environment: string;
  secretPath?: string;
}

export interface PutSecretInput extends SecretLocation {
  key: string;
  value: string;
  comment?: string;
  /** Tag slugs; tags are created on first use. */
  tags?: readonly string[];
}

export interface SecretChanges {
  newKey?: string;
  value?: string;
  comment?: string;
  skipMultilineEncoding?: boolean;
}

export interface AddSecretImportInput extends SecretLocation {
  /** Environment slug of the imported folder. */
  importEnvironment: string;
  /** Path of the imported folder; default `/`. */
  importPath?: string;
}

export interface ProjectChanges {
  name?: string;
  description?: string;
  slug?: string;
  hasDeleteProtection?: boolean;
  /** Sent as `autoCapitalization`: secret names must be upper case. */
  enforceCapitalization?: boolean;
}

export interface EnvironmentChanges {
  name?: string;
  slug?: string;
  position?: number;
}

export interface InviteUsersInput {
  emails: readonly string[];
  usernames: readonly string[];
  roles: readonly string[];
}

const DEFAULT_ENVIRONMENTS = [
  { name: 'Development', slug: 'dev' },
  { name: 'Staging', slug: 'staging' },
  { name: 'Production', slug: 'prod' },
] as const;

/**
 * Everything the sandbox knows: one organization, its machine identities, tokens and projects.
 * Mutations enforce Infisical's invariants and throw its errors, so the HTTP layer and tests that
 * seed data programmatically see the same rules.
 */
export class SandboxState {
  readonly organization: Organization;
  private readonly identities = new Map<string, MachineIdentity>();
  private readonly identitiesByClientId = new Map<string, MachineIdentity>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly projects = new Map<string, Project>();
  private readonly users = new Map<string, OrgUser>();
  readonly tags = new ProjectTags(() => this.now());
  readonly snapshots = new SnapshotStore();
  readonly dynamicSecrets: DynamicSecretStore;
  readonly kmsKeys: KmsKeyStore;
  readonly sharedSecrets = new SharedSecretStore();

  constructor(
    readonly clock: Clock,
    readonly tokenPolicy: TokenPolicy,
  ) {
    this.organization = { id: newId(), name: 'Sandbox Organization', createdAt: this.now() };
    this.dynamicSecrets = new DynamicSecretStore(() => this.now());
    this.kmsKeys = new KmsKeyStore(() => this.now());
  }

  now(): Date {
    return new Date(this.clock());
  }

  // --- machine identities and tokens ---

  createIdentity(input: CreateIdentityInput = {}): MachineIdentity {
    const projects = (input.projectIds ?? []).map((projectId) => this.requireProject(projectId));
    const identity: MachineIdentity = {
      id: newId(),
      name: input.name ?? 'sandbox-identity',
      orgId: this.organization.id,
      clientId: newId(),
      clientSecret: newClientSecret(),
      createdAt: this.now(),
    };
    this.identities.set(identity.id, identity);
    this.identitiesByClientId.set(identity.clientId, identity);
    for (const project of projects) {
      this.addIdentityMember(project, identity.id, input.roles ?? ['admin']);
    }
    return identity;
  }

  getIdentity(identityId: string): MachineIdentity | undefined {
    return this.identities.get(identityId);
  }

  findIdentityByClientId(clientId: string): MachineIdentity | undefined {
    return this.identitiesByClientId.get(clientId);
  }

  issueAccessToken(identityId: string): AccessToken {
    const issuedAt = this.clock();
    const maxExpiresAt = issuedAt + this.tokenPolicy.accessTokenMaxTTL * 1000;
    const accessToken: AccessToken = {
      token: newAccessToken(),
      identityId,
      issuedAt,
      expiresAt: Math.min(issuedAt + this.tokenPolicy.accessTokenTTL * 1000, maxExpiresAt),
      maxExpiresAt,
      revoked: false,
    };
    this.accessTokens.set(accessToken.token, accessToken);
    return accessToken;
  }

  findAccessToken(token: string): AccessToken | undefined {
    return this.accessTokens.get(token);
  }

  /** Every token issued so far expires now; returns how many were touched. */
  expireAllAccessTokens(): number {
    const expiredAt = this.clock() - 1;
    for (const accessToken of this.accessTokens.values()) {
      accessToken.expiresAt = Math.min(accessToken.expiresAt, expiredAt);
    }
    return this.accessTokens.size;
  }

  revokeAllAccessTokens(): number {
    for (const accessToken of this.accessTokens.values()) accessToken.revoked = true;
    return this.accessTokens.size;
  }

  // --- projects, environments and members ---

  createProject(input: CreateProjectInput): Project {
    const slug = input.slug ?? slugify(`${input.name}-${randomAlphanumeric(4).toLowerCase()}`);
    if (this.findProjectBySlug(slug)) {
      throw badRequest(
        `A project with the slug "${slug}" already exists in your organization. Please choose a different name or slug.`,
      );
    }
    const now = this.now();
    const project: Project = {
      id: newId(),
      name: input.name,
      slug,
      description: input.description ?? null,
      type: input.type ?? 'secret-manager',
      orgId: this.organization.id,
      hasDeleteProtection: input.hasDeleteProtection ?? false,
      createdAt: now,
      updatedAt: now,
      environments: [],
      members: [],
      roles: [],
      enforceCapitalization: input.enforceCapitalization ?? false,
    };
    this.projects.set(project.id, project);
    if (input.createDefaultEnvironments ?? true) {
      for (const environment of DEFAULT_ENVIRONMENTS) this.createEnvironment(project, environment);
    }
    if (input.adminIdentityId) this.addIdentityMember(project, input.adminIdentityId, ['admin']);
    return project;
  }

  getProject(projectId: string): Project | undefined {
    return this.projects.get(projectId);
  }

  requireProject(projectId: string): Project {
    const project = this.projects.get(projectId);
    if (!project) throw notFound(`Project with ID '${projectId}' not found`);
    return project;
  }

  findProjectBySlug(slug: string): Project | undefined {
    for (const project of this.projects.values()) if (project.slug === slug) return project;
    return undefined;
  }

  listProjects(): Project[] {
    return [...this.projects.values()];
  }

  updateProject(project: Project, changes: ProjectChanges): Project {
    if (changes.slug !== undefined && changes.slug !== project.slug) {
      if (this.findProjectBySlug(changes.slug)) {
        throw badRequest(
          `A project with the slug "${changes.slug}" already exists in your organization. Please choose a different name or slug.`,
        );
      }
      project.slug = changes.slug;
    }
    if (changes.name !== undefined) project.name = changes.name;
    if (changes.description !== undefined) project.description = changes.description;
    if (changes.hasDeleteProtection !== undefined) {
      project.hasDeleteProtection = changes.hasDeleteProtection;
    }
    if (changes.enforceCapitalization !== undefined) {
      project.enforceCapitalization = changes.enforceCapitalization;
    }
    project.updatedAt = this.now();
    return project;
  }

  /** Removes the project with every environment, folder, secret and snapshot in it. */
  deleteProject(project: Project): Project {
    if (project.hasDeleteProtection) {
      throw forbidden('Project delete protection is enabled');
    }
    for (const environment of project.environments) this.forgetEnvironment(environment);
    this.projects.delete(project.id);
    return project;
  }

  isProjectMember(project: Project, identityId: string): boolean {
    return project.members.some(
      (member) => member.kind === 'identity' && member.identityId === identityId,
    );
  }

  addIdentityMember(
    project: Project,
    identityId: string,
    roles: readonly string[],
  ): IdentityMember {
    const existing = project.members.find(
      (member): member is IdentityMember =>
        member.kind === 'identity' && member.identityId === identityId,
    );
    if (existing) return existing;
    const now = this.now();
    const member: IdentityMember = {
      kind: 'identity',
      id: newId(),
      identityId,
      roles: [...roles],
      createdAt: now,
      updatedAt: now,
    };
    project.members.push(member);
    return member;
  }

  /**
   * Adds organization users (created on first sight, as Infisical invites unknown ones) to the
   * project. Returns only the memberships this call created.
   */
  inviteUsers(project: Project, input: InviteUsersInput): UserMember[] {
    const invitees = [
      ...input.emails.map((email) => ({ email, username: email })),
      ...input.usernames.map((username) => ({ email: null, username })),
    ];
    const created: UserMember[] = [];
    for (const invitee of invitees) {
      const user = this.findOrCreateUser(invitee.username, invitee.email);
      const alreadyMember = project.members.some(
        (member) => member.kind === 'user' && member.userId === user.id,
      );
      if (alreadyMember) continue;
      const now = this.now();
      const member: UserMember = {
        kind: 'user',
        id: newId(),
        userId: user.id,
        email: user.email,
        username: user.username,
        roles: [...input.roles],
        createdAt: now,
        updatedAt: now,
      };
      project.members.push(member);
      created.push(member);
    }
    return created;
  }

  /**
   * A custom project role: its slug can then be given to a membership, and its rules decide what
   * the member may do with secrets and snapshots. A slug must be new to the project and not a
   * built-in role's, as Infisical's project-role service requires.
   */
  createProjectRole(project: Project, input: CreateProjectRoleInput): ProjectRole {
    if (isBuiltInRole(input.slug) || project.roles.some((role) => role.slug === input.slug)) {
      throw badRequest('Project role with same slug already exists', 'Create Role');
    }
    const now = this.now();
    const role: ProjectRole = {
      id: newId(),
      slug: input.slug,
      name: input.name ?? input.slug,
      description: input.description ?? null,
      permissions: input.permissions.map((rule) => ({ ...rule, action: [...rule.action] })),
      createdAt: now,
      updatedAt: now,
    };
    project.roles.push(role);
    return role;
  }

  /**
   * Changes a custom role. Memberships name roles by slug here (Infisical by id), so a new slug
   * is carried over to them.
   */
  updateProjectRole(
    project: Project,
    role: ProjectRole,
    changes: Partial<Pick<ProjectRole, 'slug' | 'name' | 'description' | 'permissions'>>,
  ): ProjectRole {
    const { slug } = changes;
    if (slug !== undefined && slug !== role.slug) {
      if (project.roles.some((other) => other.slug === slug)) {
        throw badRequest('Project role with the same slug already exists', 'Update Role');
      }
      for (const member of project.members) {
        member.roles = member.roles.map((held) => (held === role.slug ? slug : held));
      }
    }
    role.slug = slug ?? role.slug;
    role.name = changes.name ?? role.name;
    role.description = changes.description === undefined ? role.description : changes.description;
    role.permissions = changes.permissions ?? role.permissions;
    role.updatedAt = this.now();
    return role;
  }

  /** Deletes a custom role no membership holds, as Infisical's project-role service requires. */
  deleteProjectRole(project: Project, role: ProjectRole): ProjectRole {
    const holders = project.members.filter((member) => member.roles.includes(role.slug));
    const kind = holders.some((member) => member.kind === 'identity') ? 'identities' : 'users';
    if (holders.length > 0) {
      throw badRequest(
        `The role is assigned to one or more ${kind}. Make sure to unassign them before deleting the role.`,
        'Delete role',
      );
    }
    project.roles = project.roles.filter((candidate) => candidate !== role);
    return role;
  }

  /** Replaces a membership's roles. */
  setMemberRoles(member: ProjectMember, roles: readonly string[]): ProjectMember {
    member.roles = [...roles];
    member.updatedAt = this.now();
    return member;
  }

  removeMember(project: Project, member: ProjectMember): void {
    project.members = project.members.filter((candidate) => candidate !== member);
  }

  createEnvironment(
    project: Project,
    input: { name: string; slug: string; position?: number },
  ): Environment {
    if (project.environments.some((environment) => environment.slug === input.slug)) {
      throw badRequest('Environment with slug already exists', 'CreateEnvironment');
    }
    const lastPosition = project.environments.at(-1)?.position ?? 0;
    const position = input.position ?? lastPosition + 1;
    // Infisical makes room: environments at or after a taken position move down by one.
    if (project.environments.some((environment) => environment.position === position)) {
      for (const environment of project.environments) {
        if (environment.position >= position) environment.position += 1;
      }
    }
    const now = this.now();
    const environment: Environment = {
      id: newId(),
      name: input.name,
      slug: input.slug,
      position,
      projectId: project.id,
      createdAt: now,
      updatedAt: now,
      folders: new Map(),
    };
    environment.folders.set('/', this.newFolder(environment, '/', 'root', null, null));
    project.environments.push(environment);
    project.environments.sort((left, right) => left.position - right.position);
    return environment;
  }

  findEnvironment(project: Project, slug: string): Environment | undefined {
    return project.environments.find((environment) => environment.slug === slug);
  }

  /** The environment with this id, in whichever project holds it. */
  findEnvironmentById(environmentId: string): Environment | undefined {
    for (const project of this.projects.values()) {
      const environment = project.environments.find((each) => each.id === environmentId);
      if (environment) return environment;
    }
    return undefined;
  }

  requireEnvironmentById(project: Project, environmentId: string, errorName?: string): Environment {
    const environment = project.environments.find((candidate) => candidate.id === environmentId);
    if (!environment) {
      throw notFound(
        `Environment with id '${environmentId}' in project with ID '${project.id}' not found`,
        errorName,
      );
    }
    return environment;
  }

  /**
   * Renames, re-slugs or moves an environment. Moving shifts the environments between the old and
   * the new position by one, as Infisical does; imports that named the old slug follow the rename.
   */
  updateEnvironment(project: Project, environment: Environment, changes: EnvironmentChanges) {
    if (changes.slug !== undefined && changes.slug !== environment.slug) {
      if (this.findEnvironment(project, changes.slug)) {
        // Infisical's wording ("exist"), unlike its create route's.
        throw badRequest('Environment with slug already exist', 'UpdateEnvironment');
      }
      for (const other of project.environments) {
        for (const folder of other.folders.values()) {
          for (const secretImport of folder.imports) {
            if (secretImport.importEnv === environment.slug) secretImport.importEnv = changes.slug;
          }
        }
      }
      environment.slug = changes.slug;
    }
    if (changes.name !== undefined) environment.name = changes.name;
    if (changes.position !== undefined && changes.position !== environment.position) {
      const from = environment.position;
      const to = changes.position;
      for (const other of project.environments) {
        if (other === environment) continue;
        if (from < to && other.position > from && other.position <= to) other.position -= 1;
        if (to < from && other.position >= to && other.position < from) other.position += 1;
      }
      environment.position = to;
      project.environments.sort((left, right) => left.position - right.position);
    }
    environment.updatedAt = this.now();
    return environment;
  }

  /** Removes the environment with every folder, secret and snapshot in it. */
  deleteEnvironment(project: Project, environment: Environment): Environment {
    project.environments = project.environments.filter((other) => other !== environment);
    this.forgetEnvironment(environment);
    // Imports reference their environment by id in Infisical, so they go with it.
    for (const other of project.environments) {
      for (const folder of other.folders.values()) {
        folder.imports = folder.imports.filter((each) => each.importEnv !== environment.slug);
      }
    }
    return environment;
  }

  // --- folders ---

  findFolder(project: Project, environmentSlug: string, path: string): Folder | undefined {
    return this.findEnvironment(project, environmentSlug)?.folders.get(normalizeSecretPath(path));
  }

  /**
   * Creates `name` under `parentPath`, and any missing folder on the way, as Infisical does
   * (`createFolder` in backend/src/services/secret-folder/secret-folder-service.ts). The call is
   * idempotent there: an existing folder comes back unchanged, a new description ignored.
   */
  createFolder(
    project: Project,
    environmentSlug: string,
    input: { parentPath: string; name: string; description?: string | null },
  ): Folder {
    const environment = this.findEnvironment(project, environmentSlug);
    if (!environment) {
      throw notFound(
        `Environment with slug '${environmentSlug}' in project with ID '${project.id}' not found`,
      );
    }
    const parentPath = normalizeSecretPath(input.parentPath);
    const path = joinSecretPath(parentPath, input.name);
    const existing = environment.folders.get(path);
    if (existing) return existing;
    const parent = this.ensureFolder(environment, parentPath);
    const folder = this.newFolder(environment, path, input.name, parent.id, input.description);
    environment.folders.set(path, folder);
    this.snapshotFolder(parent);
    return folder;
  }

  /**
   * The folder named by id (or, as Infisical still accepts for old CLIs, by name) directly under
   * `parentPath`.
   */
  requireChildFolder(
    environment: Environment,
    parentPath: string,
    idOrName: string,
    errorName?: string,
  ): Folder {
    const parent = environment.folders.get(normalizeSecretPath(parentPath));
    if (!parent) {
      throw notFound(
        `Folder with path '${normalizeSecretPath(parentPath)}' in environment with slug '${environment.slug}' not found`,
        errorName,
      );
    }
    const children = [...environment.folders.values()].filter((f) => f.parentId === parent.id);
    const folder =
      children.find((child) => child.id === idOrName) ??
      children.find((child) => child.name === idOrName);
    if (!folder) throw notFound(`Folder with ID '${idOrName}' not found`, errorName);
    return folder;
  }

  /** Renames a folder; the paths of everything below it change with it. */
  updateFolder(
    environment: Environment,
    folder: Folder,
    changes: { name: string; description?: string | null },
  ): Folder {
    const parentPath = folder.path.slice(0, folder.path.length - folder.name.length);
    const newPath = joinSecretPath(parentPath, changes.name);
    if (newPath !== folder.path && environment.folders.has(newPath)) {
      throw badRequest('Folder with specified name already exists', 'UpdateFolder');
    }
    const oldPath = folder.path;
    if (newPath !== oldPath) {
      const moved = this.foldersWithin(environment, oldPath);
      for (const each of moved) environment.folders.delete(each.path);
      for (const each of moved) {
        each.path = newPath + each.path.slice(oldPath.length);
        environment.folders.set(each.path, each);
      }
    }
    folder.name = changes.name;
    if (changes.description !== undefined) folder.description = changes.description;
    folder.version += 1;
    folder.updatedAt = this.now();
    const parent = [...environment.folders.values()].find((each) => each.id === folder.parentId);
    if (parent) this.snapshotFolder(parent);
    return folder;
  }

  /** Removes the folder with every folder, secret and snapshot below it. */
  deleteFolder(environment: Environment, folder: Folder): Folder {
    const removed = this.foldersWithin(environment, folder.path);
    for (const each of removed) environment.folders.delete(each.path);
    this.snapshots.forget(removed.map((each) => each.id));
    const parent = [...environment.folders.values()].find((f) => f.id === folder.parentId);
    if (parent) this.snapshotFolder(parent);
    return folder;
  }

  /** The folder at `path` and every folder below it, ordered by path. */
  foldersWithin(environment: Environment, path: string): Folder[] {
    const root = normalizeSecretPath(path);
    return [...environment.folders.values()]
      .filter((folder) => isPathWithin(folder.path, root))
      .sort((left, right) => left.path.localeCompare(right.path));
  }

  // --- secrets ---

  /** Creates or overwrites a secret, creating its folders if needed. Meant for seeding. */
  putSecret(input: PutSecretInput): Secret {
    const project = this.requireProject(input.projectId);
    const environment = this.requireEnvironment(project, input.environment);
    const folder = this.ensureFolder(environment, input.secretPath ?? '/');
    const tags = (input.tags ?? []).map((slug) => this.tags.ensure(project.id, slug));
    const existing = folder.secrets.get(input.key);
    if (existing) {
      const updated = this.updateSecret(folder, input.key, {
        value: input.value,
        comment: input.comment ?? existing.comment,
      });
      if (input.tags) updated.tags = tags;
      return updated;
    }
    const secret = this.addSecret(folder, {
      key: input.key,
      value: input.value,
      comment: input.comment ?? '',
    });
    secret.tags = tags;
    return secret;
  }

  addSecret(
    folder: Folder,
    input: { key: string; value: string; comment: string; skipMultilineEncoding?: boolean },
  ): Secret {
    if (folder.secrets.has(input.key)) throw badRequest('Secret already exist');
    const now = this.now();
    const secret: Secret = {
      id: newId(),
      key: input.key,
      value: input.value,
      comment: input.comment,
      version: 1,
      type: 'shared',
      skipMultilineEncoding: input.skipMultilineEncoding ?? false,
      tags: [],
      createdAt: now,
      updatedAt: now,
      history: [],
    };
    recordVersion(secret, now);
    folder.secrets.set(secret.key, secret);
    this.snapshotFolder(folder);
    return secret;
  }

  updateSecret(folder: Folder, key: string, changes: SecretChanges): Secret {
    const secret = folder.secrets.get(key);
    if (!secret) throw notFound('Secret not found');
    const renamed = changes.newKey !== undefined && changes.newKey !== key;
    if (renamed && folder.secrets.has(changes.newKey as string)) {
      throw badRequest('Secret with the new name already exist');
    }
    const now = this.now();
    if (changes.value !== undefined) secret.value = changes.value;
    if (changes.comment !== undefined) secret.comment = changes.comment;
    if (changes.skipMultilineEncoding !== undefined) {
      secret.skipMultilineEncoding = changes.skipMultilineEncoding;
    }
    if (renamed) {
      secret.key = changes.newKey as string;
      replaceKeyInPlace(folder.secrets, key, secret);
    }
    secret.version += 1;
    secret.updatedAt = now;
    recordVersion(secret, now);
    this.snapshotFolder(folder);
    return secret;
  }

  removeSecret(folder: Folder, key: string): Secret {
    const secret = folder.secrets.get(key);
    if (!secret) throw notFound('Secret not found');
    folder.secrets.delete(key);
    this.snapshotFolder(folder);
    return secret;
  }

  // --- imports ---

  /** Makes the secrets of one folder visible from another, like an Infisical secret import. */
  addSecretImport(input: AddSecretImportInput): SecretImport {
    const project = this.requireProject(input.projectId);
    const folderPath = normalizeSecretPath(input.secretPath ?? '/');
    const importPath = normalizeSecretPath(input.importPath ?? '/');
    const folder = this.findFolder(project, input.environment, folderPath);
    if (!folder) throw notFound(`Folder with path '${folderPath}' not found`);
    if (!this.findFolder(project, input.importEnvironment, importPath)) {
      throw notFound(
        `Folder with path '${importPath}' in environment with slug '${input.importEnvironment}' not found`,
      );
    }
    if (input.importEnvironment === input.environment && importPath === folderPath) {
      throw badRequest('Cannot import from the same location');
    }
    const duplicate = folder.imports.some(
      (existing) =>
        existing.importEnv === input.importEnvironment && existing.importPath === importPath,
    );
    if (duplicate) throw badRequest('Secret import already exists');
    const secretImport: SecretImport = {
      id: newId(),
      importEnv: input.importEnvironment,
      importPath,
      position: folder.imports.length + 1,
      createdAt: this.now(),
    };
    folder.imports.push(secretImport);
    return secretImport;
  }

  /**
   * An import as `POST /api/v2/secret-imports` makes it: the imported environment must exist, the
   * imported folder need not (yet), and a folder cannot import one that imports it back.
   */
  importIntoFolder(
    project: Project,
    folder: Folder,
    source: { environment: string; path: string },
  ): SecretImport {
    const importEnvironment = this.findEnvironment(project, source.environment);
    // Infisical puts its explanation in `error`, so the caller sees the default message.
    if (!importEnvironment) throw notFound();
    const folderEnvironment = project.environments.find((each) => each.id === folder.envId);
    const importPath = normalizeSecretPath(source.path);
    const cyclic = importEnvironment.folders
      .get(importPath)
      ?.imports.some(
        (each) => each.importEnv === folderEnvironment?.slug && each.importPath === folder.path,
      );
    if (cyclic) throw badRequest('Cyclic import not allowed');
    const lastPosition = Math.max(0, ...folder.imports.map((each) => each.position));
    const secretImport: SecretImport = {
      id: newId(),
      importEnv: source.environment,
      importPath,
      position: lastPosition + 1,
      createdAt: this.now(),
    };
    folder.imports.push(secretImport);
    return secretImport;
  }

  /** Removes an import of the folder; the imports after it move up one position. */
  removeSecretImport(folder: Folder, importId: string): SecretImport {
    const index = folder.imports.findIndex((secretImport) => secretImport.id === importId);
    const secretImport = folder.imports[index];
    if (!secretImport) {
      // Infisical's wording, which names the import's id as the folder's.
      throw notFound(`Secret import with folder ID '${importId}' not found`);
    }
    folder.imports.splice(index, 1);
    for (const later of folder.imports.slice(index)) later.position -= 1;
    return secretImport;
  }

  // --- snapshots ---

  /** Records the folder's secrets and sub-folders, as Infisical does after each write. */
  snapshotFolder(folder: Folder): void {
    const environment = this.findEnvironmentById(folder.envId);
    const children = environment
      ? [...environment.folders.values()].filter((child) => child.parentId === folder.id)
      : [];
    this.snapshots.take(
      folder,
      children.map((child) => child.name),
      this.now(),
    );
  }

  // --- internals ---

  private forgetEnvironment(environment: Environment): void {
    this.snapshots.forget([...environment.folders.values()].map((folder) => folder.id));
    environment.folders.clear();
  }

  private requireEnvironment(project: Project, slug: string): Environment {
    const environment = this.findEnvironment(project, slug);
    if (!environment) {
      throw notFound(
        `Environment with slug '${slug}' in project with ID '${project.id}' not found`,
      );
    }
    return environment;
  }

  private ensureFolder(environment: Environment, path: string): Folder {
    let current = environment.folders.get('/') as Folder;
    for (const segment of pathSegments(path)) {
      const childPath = joinSecretPath(current.path, segment);
      let child = environment.folders.get(childPath);
      if (!child) {
        child = this.newFolder(environment, childPath, segment, current.id, null);
        environment.folders.set(childPath, child);
        this.snapshotFolder(current);
      }
      current = child;
    }
    return current;
  }

  private newFolder(
    environment: Environment,
    path: string,
    name: string,
    parentId: string | null,
    description: string | null | undefined,
  ): Folder {
    const now = this.now();
    return {
      id: newId(),
      name,
      path,
      parentId,
      envId: environment.id,
      description: description ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      secrets: new Map(),
      imports: [],
    };
  }

  private findOrCreateUser(username: string, email: string | null): OrgUser {
    let user = this.users.get(username);
    if (!user) {
      user = { id: newId(), email, username, createdAt: this.now() };
      this.users.set(username, user);
    }
    return user;
  }
}

function recordVersion(secret: Secret, at: Date): void {
  secret.history.push({
    version: secret.version,
    key: secret.key,
    value: secret.value,
    comment: secret.comment,
    createdAt: at,
  });
}

/** Renames a map key without moving the entry to the end, so listings keep their order. */
function replaceKeyInPlace(secrets: Map<string, Secret>, oldKey: string, secret: Secret): void {
  const entries = [...secrets.entries()].map(([key, value]): [string, Secret] =>
    key === oldKey ? [secret.key, secret] : [key, value],
  );
  secrets.clear();
  for (const [key, value] of entries) secrets.set(key, value);
}
