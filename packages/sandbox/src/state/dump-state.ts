import type { DynamicSecret } from './dynamic-secret-store.js';
import type { Environment, Project, ProjectMember } from './model.js';
import type { SandboxState } from './sandbox-state.js';
import type { SharedSecret } from './shared-secret-store.js';

/** A plain JSON picture of every project, for assertions in tests and for poking at a demo. */
export function dumpState(state: SandboxState) {
  return {
    projects: state.listProjects().map((project) => dumpProject(project, state)),
    sharedSecrets: state.sharedSecrets.list().map(dumpSharedSecret),
  };
}

export type StateDump = ReturnType<typeof dumpState>;

function dumpProject(project: Project, state: SandboxState) {
  return {
    id: project.id,
    name: project.name,
    slug: project.slug,
    type: project.type,
    environments: project.environments.map(dumpEnvironment),
    members: project.members.map(dumpMember),
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

function dumpEnvironment(environment: Environment) {
  const folders = [...environment.folders.values()].sort((left, right) =>
    left.path.localeCompare(right.path),
  );
  return {
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
      })),
    ),
    imports: folders.flatMap((folder) =>
      folder.imports.map((secretImport) => ({
        path: folder.path,
        importEnvironment: secretImport.importEnv,
        importPath: secretImport.importPath,
      })),
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
