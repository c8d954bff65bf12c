import type { DynamicSecret } from './dynamic-secret-store.js';
import type { Environment, Project, ProjectMember } from './model.js';
import type { SandboxState } from './sandbox-state.js';
import type { SharedSecret } from './shared-secret-store.js';

/** A plain JSON picture of every project, for assertions in tests and for poking at a demo. */
export function dumpState(state: SandboxState) {
  return {
    projects: state.listProjects().map((project) => dumpProject(state, project)),
    sharedSecrets: state.sharedSecrets.list().map(dumpSharedSecret),
  };
}

export type StateDump = ReturnType<typeof dumpState>;

function dumpProject(state: SandboxState, project: Project) {
  return {
    id: project.id,
    name: project.name,
    slug: project.slug,
    description: project.description,
    hasDeleteProtection: project.hasDeleteProtection,
    type: project.type,
    environments: project.environments.map((environment) => dumpEnvironment(state, environment)),
    members: project.members.map(dumpMember),
    tags: state.tags
      .list(project.id)
      .map((tag) => ({ id: tag.id, slug: tag.slug, color: tag.color })),
    dynamicSecrets: state.dynamicSecrets.ofProject(project.id).map(dumpDynamicSecret),
    kmsKeys: state.kmsKeys
      .ofProject(project.id)
      .map(({ id, name, isDisabled }) => ({ id, name, isDisabled })),
  };
}

function dumpDynamicSecret(secret: DynamicSecret) {
  return {
    environment: secret.environment,
    path: secret.path,
    name: secret.name,
    type: secret.type,
    leases: secret.leases.map((lease) => ({
      id: lease.id,
      expireAt: lease.expireAt.toISOString(),
      credentials: lease.credentials,
    })),
  };
}

function dumpSharedSecret(shared: SharedSecret) {
  return {
    id: shared.id,
    name: shared.name,
    value: shared.value,
    hasPassword: shared.hasPassword,
    accessType: shared.accessType,
    expiresAt: shared.expiresAt.toISOString(),
    maxViews: shared.expiresAfterViews,
    identityId: shared.identityId,
  };
}

function dumpEnvironment(state: SandboxState, environment: Environment) {
  const folders = [...environment.folders.values()].sort((left, right) =>
    left.path.localeCompare(right.path),
  );
  return {
    id: environment.id,
    slug: environment.slug,
    name: environment.name,
    position: environment.position,
    folders: folders.map((folder) => folder.path),
    secrets: folders.flatMap((folder) =>
      [...folder.secrets.values()].map((secret) => ({
        path: folder.path,
        key: secret.key,
        value: secret.value,
        comment: secret.comment,
        version: secret.version,
        tags: secret.tags.map((tag) => tag.slug),
      })),
    ),
    imports: folders.flatMap((folder) =>
      folder.imports.map((secretImport) => ({
        path: folder.path,
        importEnvironment: secretImport.importEnv,
        importPath: secretImport.importPath,
      })),
    ),
    /** How many snapshots each folder has, by path; only folders that have some. */
    snapshots: Object.fromEntries(
      folders
        .map((folder) => [folder.path, state.snapshots.listFor(folder.id).length] as const)
        .filter(([, count]) => count > 0),
    ),
  };
}

function dumpMember(member: ProjectMember) {
  if (member.kind === 'identity') {
    return { kind: member.kind, identityId: member.identityId, roles: member.roles };
  }
  return {
    kind: member.kind,
    userId: member.userId,
    email: member.email,
    username: member.username,
    roles: member.roles,
  };
}
