import { requireProjectAccess } from '../auth/project-access.js';
import { ProjectPermission } from '../auth/project-permission.js';
import { forbiddenReadSecret, notFound } from '../errors/infisical-errors.js';
import type { Folder, Project, Secret } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import {
  HIDDEN_SECRET_VALUE,
  importedSecretView,
  readSecretView,
  type SecretPlacement,
  type SecretPresentation,
} from '../views/secret-view.js';
import { expandSecretReferences, hasSecretReferences } from './expand-secret-references.js';
import { resolveImportedFolders } from './imported-folders.js';

export interface SecretScope {
  projectId: string;
  environment: string;
  secretPath: string;
}

export interface ReadOptions {
  expandSecretReferences: boolean;
  includeImports: boolean;
  viewSecretValue: boolean;
}

export interface ListSecretsInput extends SecretScope, ReadOptions {
  recursive: boolean;
  tagSlugs: readonly string[];
}

export interface GetSecretInput extends SecretScope, ReadOptions {
  secretName: string;
  version?: number;
  type: 'shared' | 'personal';
}

/** Reads secrets the way Infisical's raw secret routes present them. */
export class SecretReader {
  constructor(private readonly state: SandboxState) {}

  /**
   * Mirrors `getSecrets` in secret-v2-bridge-service.ts: the role must describe secrets somewhere
   * in the project; secrets it may not describe are left out; with `viewSecretValue`, a secret of
   * the folder asked for whose value it may not read is a 403, one in a folder below is left out.
   */
  list(identityId: string, input: ListSecretsInput) {
    const project = requireProjectAccess(this.state, identityId, input.projectId);
    const permission = ProjectPermission.of(project, identityId);
    permission.requireSecretAccessSomewhere('describeSecret');
    const folders = this.foldersToList(project, input);
    const secrets = folders.flatMap((folder) => {
      const fields = { environment: input.environment, secretPath: folder.path };
      if (!permission.canAccessSecret('describeSecret', fields)) return [];
      const canReadValue = permission.canAccessSecret('readValue', fields);
      if (input.viewSecretValue && !canReadValue) {
        if (folder.path !== input.secretPath) return [];
        if (folder.secrets.size > 0) permission.requireSecretAccess('readValue', fields);
      }
      return [...folder.secrets.values()]
        .filter((secret) => matchesTags(secret, input.tagSlugs))
        .map((secret) => {
          const placement = this.placement(project, input.environment, folder.path);
          return readSecretView(
            secret,
            placement,
            this.present(project, secret, placement, { ...input, canReadValue }),
          );
        });
    });
    if (!input.includeImports) return { secrets };
    const imports = resolveImportedFolders(this.state, project, folders).flatMap((imported) => {
      const fields = { environment: imported.environment, secretPath: imported.secretPath };
      // fnSecretsV2FromImports keeps what the role may describe, and read when values are asked.
      const canReadValue = permission.canAccessSecret('readValue', fields);
      const visible =
        permission.canAccessSecret('describeSecret', fields) &&
        (canReadValue || !input.viewSecretValue);
      if (!visible) return [];
      return [
        {
          secretPath: imported.secretPath,
          environment: imported.environment,
          folderId: imported.folder.id,
          secrets: [...imported.folder.secrets.values()].map((secret) => {
            const placement = this.placement(project, imported.environment, imported.secretPath);
            return importedSecretView(
              secret,
              placement,
              this.present(project, secret, placement, { ...input, canReadValue }),
            );
          }),
        },
      ];
    });
    return { secrets, imports };
  }

  get(identityId: string, input: GetSecretInput) {
    const project = requireProjectAccess(this.state, identityId, input.projectId);
    const folder = this.state.findFolder(project, input.environment, input.secretPath);
    if (!folder) {
      throw notFound(
        'Folder not found for the given environment slug & secret path',
        'Create secret',
      );
    }
    // getSecretByName: describe is checked on the folder asked for, found or not; reading the
    // value of a secret the role may only describe is refused rather than masked.
    const permission = ProjectPermission.of(project, identityId);
    permission.requireSecretAccess('describeSecret', {
      environment: input.environment,
      secretPath: input.secretPath,
    });
    const found = this.findSecret(project, folder, input, permission);
    if (!found) throw notFound(`Secret with name '${input.secretName}' not found`);
    const { secret, placement } = found;
    const canReadValue = permission.canAccessSecret('readValue', placement);
    if (input.viewSecretValue && !canReadValue) {
      throw forbiddenReadSecret(
        placement.secretPath === input.secretPath && placement.environment === input.environment
          ? `You do not have permission to view secret value on secret with name '${input.secretName}'`
          : `You do not have permission to view secret import value on secret with name '${input.secretName}'`,
      );
    }
    return {
      secret: readSecretView(
        secret,
        placement,
        this.present(project, secret, placement, { ...input, canReadValue }),
      ),
    };
  }

  /**
   * Mirrors `getSecrets` in Infisical's backend/src/services/secret-v2-bridge/
   * secret-v2-bridge-service.ts: since PR #4419 a missing folder (or, without `recursive`, a
   * missing environment) is a 404 `SecretPathNotFound`, not an empty list.
   */
  private foldersToList(project: Project, input: ListSecretsInput): Folder[] {
    const environment = this.state.findEnvironment(project, input.environment);
    if (input.recursive && !environment) {
      // recursivelyGetSecretPaths in secret-v2-bridge-fns.ts looks the environment up first.
      throw notFound(
        `Environment with slug '${input.environment}' in project with ID ${project.id} not found`,
      );
    }
    const folder = environment?.folders.get(input.secretPath);
    if (!environment || !folder) {
      throw notFound(
        `Folder with path '${input.secretPath}' in environment '${input.environment}' was not found. Please ensure the environment slug and secret path is correct.`,
        'SecretPathNotFound',
      );
    }
    return input.recursive ? this.state.foldersWithin(environment, input.secretPath) : [folder];
  }

  /** The folder's own secret, else (with imports) the last import that has it. */
  private findSecret(
    project: Project,
    folder: Folder,
    input: GetSecretInput,
    permission: ProjectPermission,
  ): { secret: Secret; placement: SecretPlacement } | undefined {
    // Identities have no personal secrets.
    if (input.type === 'personal') return undefined;
    const own = folder.secrets.get(input.secretName);
    if (own) {
      const secret = input.version === undefined ? own : atVersion(own, input.version);
      if (!secret) return undefined;
      return { secret, placement: this.placement(project, input.environment, input.secretPath) };
    }
    if (!input.includeImports || input.version !== undefined) return undefined;
    const imports = resolveImportedFolders(this.state, project, [folder]).reverse();
    for (const imported of imports) {
      const fields = { environment: imported.environment, secretPath: imported.secretPath };
      if (!permission.canAccessSecret('describeSecret', fields)) continue;
      const secret = imported.folder.secrets.get(input.secretName);
      if (secret) {
        return {
          secret,
          placement: this.placement(project, imported.environment, imported.secretPath),
        };
      }
    }
    return undefined;
  }

  private placement(project: Project, environment: string, secretPath: string): SecretPlacement {
    return { projectId: project.id, environment, secretPath };
  }

  private present(
    project: Project,
    secret: Secret,
    placement: SecretPlacement,
    options: ReadOptions & { canReadValue: boolean },
  ): SecretPresentation {
    if (!options.viewSecretValue || !options.canReadValue) {
      return { value: HIDDEN_SECRET_VALUE, valueHidden: true };
    }
    if (!options.expandSecretReferences || !hasSecretReferences(secret.value)) {
      return { value: secret.value, valueHidden: false };
    }
    const expanded = expandSecretReferences(
      secret.value,
      { environment: placement.environment, secretPath: placement.secretPath, key: secret.key },
      (reference) =>
        this.state
          .findFolder(project, reference.environment, reference.secretPath)
          ?.secrets.get(reference.key)?.value,
    );
    return { value: encodeMultiline(expanded, secret.skipMultilineEncoding), valueHidden: false };
  }
}

/** Infisical quotes an expanded multi-line value of a secret that skips multiline encoding. */
function encodeMultiline(value: string, skipMultilineEncoding: boolean): string {
  if (!skipMultilineEncoding || !value.includes('\n')) return value;
  return `"${value.replace(/\n/g, '\\n')}"`;
}

function matchesTags(secret: Secret, tagSlugs: readonly string[]): boolean {
  if (tagSlugs.length === 0) return true;
  return secret.tags.some((tag) => tagSlugs.includes(tag.slug));
}

/** The secret as it was at `version`, or undefined if it never had that version. */
function atVersion(secret: Secret, version: number): Secret | undefined {
  const snapshot = secret.history.find((entry) => entry.version === version);
  if (!snapshot) return undefined;
  return {
    ...secret,
    key: snapshot.key,
    value: snapshot.value,
    comment: snapshot.comment,
    version: snapshot.version,
    updatedAt: snapshot.createdAt,
  };
}
