import { requireProjectAccess } from '../auth/project-access.js';
import { ProjectPermission, type SecretAction } from '../auth/project-permission.js';
import { badRequest, notFound } from '../errors/infisical-errors.js';
import type { Folder, Project, Secret, SecretTag } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { normalizeSecretPath } from '../state/secret-path.js';
import { normalizeSecretValue } from '../validation/infisical-fields.js';
import {
  HIDDEN_SECRET_VALUE,
  rawSecretView,
  type SecretPlacement,
  type SecretPresentation,
  writtenSecretView,
} from '../views/secret-view.js';
import { assertUpperCaseName, assertUpperCaseNames } from './secret-name-case.js';
import type { SecretScope } from './secret-reader.js';

export const SECRET_TYPES = ['shared', 'personal'] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

export interface CreateSecretInput extends SecretScope {
  secretName: string;
  secretValue: string;
  secretComment: string;
  type: SecretType;
  skipMultilineEncoding?: boolean;
  tagIds?: string[];
}

export interface UpdateSecretInput extends SecretScope {
  secretName: string;
  type: SecretType;
  secretValue?: string;
  secretComment?: string;
  newSecretName?: string;
  skipMultilineEncoding?: boolean;
  /** Replaces the secret's tags. */
  tagIds?: string[];
}

export interface DeleteSecretInput extends SecretScope {
  secretName: string;
  type: SecretType;
}

export interface BatchCreateInput extends SecretScope {
  secrets: {
    secretKey: string;
    secretValue: string;
    secretComment: string;
    skipMultilineEncoding?: boolean;
    tagIds?: string[];
  }[];
}

export type BatchUpdateMode = 'failOnNotFound' | 'upsert' | 'ignore';

export interface BatchUpdateInput extends SecretScope {
  mode: BatchUpdateMode;
  secrets: {
    secretKey: string;
    /** Overrides the request's secretPath for this item. */
    secretPath?: string;
    secretValue?: string;
    secretComment?: string;
    newSecretName?: string;
    skipMultilineEncoding?: boolean;
    tagIds?: string[];
  }[];
}

export interface BatchDeleteInput extends SecretScope {
  secrets: { secretKey: string; type: SecretType }[];
}

const FOLDER_NOT_FOUND = 'Folder not found for the given environment slug & secret path';

/** Writes secrets with Infisical's checks and answers. Batch writes are all-or-nothing. */
export class SecretWriter {
  constructor(private readonly state: SandboxState) {}

  create(identityId: string, input: CreateSecretInput) {
    assertUpperCaseName(this.projectOf(identityId, input), input.secretName);
    const { project, folder, permission } = this.locate(
      identityId,
      input,
      'Create secret',
      'create',
    );
    if (input.type === 'personal') throw badRequest('Must be user to create personal secret');
    const tags = this.tagsFor(project, input.tagIds);
    const secret = this.state.addSecret(folder, {
      key: input.secretName,
      value: normalizeSecretValue(input.secretValue),
      comment: input.secretComment,
      skipMultilineEncoding: input.skipMultilineEncoding,
    });
    if (tags) secret.tags = tags;
    const placement = placementOf(project, input);
    return { secret: rawSecretView(secret, placement, presentFor(permission, secret, placement)) };
  }

  update(identityId: string, input: UpdateSecretInput) {
    assertUpperCaseName(this.projectOf(identityId, input), input.newSecretName);
    const { project, folder } = this.locate(identityId, input, 'UpdateSecret', 'edit');
    if (input.type === 'personal') throw badRequest('Must be user to create personal secret');
    const tags = this.tagsFor(project, input.tagIds);
    const secret = this.state.updateSecret(folder, input.secretName, {
      newKey: input.newSecretName,
      value: input.secretValue === undefined ? undefined : normalizeSecretValue(input.secretValue),
      comment: input.secretComment,
      skipMultilineEncoding: input.skipMultilineEncoding,
    });
    if (tags) secret.tags = tags;
    // Infisical's updateSecret (secret-v2-bridge-service.ts) answers with what was sent, not
    // what is stored: a value or comment left out comes back as "".
    const sent = input.secretValue === undefined ? '' : normalizeSecretValue(input.secretValue);
    const echoed = { value: sent, valueHidden: false };
    const view = writtenSecretView(secret, placementOf(project, input), echoed);
    return { secret: { ...view, secretComment: input.secretComment ?? '' } };
  }

  delete(identityId: string, input: DeleteSecretInput) {
    const { project, folder, permission } = this.locate(
      identityId,
      input,
      'Delete secret',
      'delete',
    );
    if (input.type === 'personal') throw badRequest('Must be user to delete personal secret');
    const secret = this.state.removeSecret(folder, input.secretName);
    const placement = placementOf(project, input);
    return {
      secret: writtenSecretView(secret, placement, presentFor(permission, secret, placement)),
    };
  }

  createMany(identityId: string, input: BatchCreateInput) {
    assertUpperCaseNames(
      this.projectOf(identityId, input),
      input.secrets.map((item) => item.secretKey),
    );
    const { project, folder, permission } = this.locate(
      identityId,
      input,
      'Create secret',
      'create',
    );
    const keys = input.secrets.map((item) => item.secretKey);
    const clashing = keys.filter(
      (key, index) => folder.secrets.has(key) || keys.indexOf(key) !== index,
    );
    if (clashing.length > 0)
      throw badRequest(`Secret already exist: ${unique(clashing).join(',')}`);
    const tags = input.secrets.map((item) => this.tagsFor(project, item.tagIds));
    const created = input.secrets.map((item, index) => {
      const secret = this.state.addSecret(folder, {
        key: item.secretKey,
        value: normalizeSecretValue(item.secretValue),
        comment: item.secretComment,
        skipMultilineEncoding: item.skipMultilineEncoding,
      });
      secret.tags = tags[index] ?? [];
      return secret;
    });
    const placement = placementOf(project, input);
    return {
      secrets: created.map((secret) =>
        rawSecretView(secret, placement, presentFor(permission, secret, placement)),
      ),
    };
  }

  updateMany(identityId: string, input: BatchUpdateInput) {
    const project = this.projectOf(identityId, input);
    // As Infisical's commit checks: a batch update checks the names it renames to.
    assertUpperCaseNames(
      project,
      input.secrets.map((item) => item.newSecretName),
    );
    const permission = ProjectPermission.of(project, identityId);
    if (!this.state.findEnvironment(project, input.environment)) {
      throw notFound(
        `Environment with slug '${input.environment}' in project with ID '${project.id}' not found`,
      );
    }
    const groups = groupByPath(input.secrets, (item) =>
      normalizeSecretPath(item.secretPath ?? input.secretPath),
    );
    const plans = [...groups].map(([secretPath, items]) => {
      const folder = this.state.findFolder(project, input.environment, secretPath);
      if (!folder) throw notFound(FOLDER_NOT_FOUND, 'UpdateManySecret');
      return { secretPath, folder, items };
    });
    for (const { secretPath, folder, items } of plans) {
      const fields = { environment: input.environment, secretPath };
      if (items.some((item) => folder.secrets.has(item.secretKey))) {
        permission.require('edit', 'secrets', fields);
      }
      const missing = items.filter((item) => !folder.secrets.has(item.secretKey));
      if (input.mode === 'upsert' && missing.length > 0) {
        permission.require('create', 'secrets', fields);
      }
      if (input.mode === 'failOnNotFound' && missing.length > 0) {
        const keys = missing.map((item) => item.secretKey).join(', ');
        throw notFound(`Secret does not exist: ${keys} in path ${secretPath}`);
      }
      const renamedOnto = items
        .filter((item) => folder.secrets.has(item.secretKey))
        .map((item) => item.newSecretName)
        .filter((name): name is string => name !== undefined && folder.secrets.has(name));
      if (renamedOnto.length > 0) {
        throw badRequest(`Secret with new name already exists: ${renamedOnto.join(', ')}`);
      }
      for (const item of items) this.tagsFor(project, item.tagIds);
    }
    const written: { secret: Secret; placement: SecretPlacement }[] = [];
    for (const { secretPath, folder, items } of plans) {
      const placement = { projectId: project.id, environment: input.environment, secretPath };
      const toCreate = items.filter((item) => !folder.secrets.has(item.secretKey));
      for (const item of items.filter((entry) => folder.secrets.has(entry.secretKey))) {
        const secret = this.state.updateSecret(folder, item.secretKey, {
          newKey: item.newSecretName,
          value:
            item.secretValue === undefined ? undefined : normalizeSecretValue(item.secretValue),
          comment: item.secretComment,
          skipMultilineEncoding: item.skipMultilineEncoding,
        });
        const tags = this.tagsFor(project, item.tagIds);
        if (tags) secret.tags = tags;
        written.push({ secret, placement });
      }
      if (input.mode !== 'upsert') continue;
      for (const item of toCreate) {
        const secret = this.state.addSecret(folder, {
          key: item.secretKey,
          value: normalizeSecretValue(item.secretValue ?? ''),
          comment: item.secretComment ?? '',
          skipMultilineEncoding: item.skipMultilineEncoding,
        });
        secret.tags = this.tagsFor(project, item.tagIds) ?? [];
        written.push({ secret, placement });
      }
    }
    return {
      secrets: written.map(({ secret, placement }) =>
        writtenSecretView(secret, placement, presentFor(permission, secret, placement)),
      ),
    };
  }

  deleteMany(identityId: string, input: BatchDeleteInput) {
    const { project, folder, permission } = this.locate(
      identityId,
      input,
      'Delete secret',
      'delete',
    );
    if (input.secrets.some((item) => item.type === 'personal')) {
      throw badRequest('Must be user to delete personal secret');
    }
    const keys = unique(input.secrets.map((item) => item.secretKey));
    const missing = keys.filter((key) => !folder.secrets.has(key));
    if (missing.length > 0) {
      throw notFound(`One or more secrets does not exist: ${missing.join(', ')}`);
    }
    const placement = placementOf(project, input);
    const deleted = keys.map((key) => this.state.removeSecret(folder, key));
    return {
      secrets: deleted.map((secret) =>
        writtenSecretView(secret, placement, presentFor(permission, secret, placement)),
      ),
    };
  }

  /** The tags named by `tagIds`, checked before anything is written; undefined keeps them as they are. */
  private tagsFor(
    project: Project,
    tagIds: readonly string[] | undefined,
  ): SecretTag[] | undefined {
    return tagIds === undefined ? undefined : this.state.tags.resolveIds(project.id, tagIds);
  }

  private projectOf(identityId: string, scope: SecretScope): Project {
    return requireProjectAccess(this.state, identityId, scope.projectId);
  }

  /** The folder written to, once the role may do `action` to secrets there. */
  private locate(
    identityId: string,
    scope: SecretScope,
    errorName: string,
    action: SecretAction,
  ): { project: Project; folder: Folder; permission: ProjectPermission } {
    const project = requireProjectAccess(this.state, identityId, scope.projectId);
    const folder = this.state.findFolder(project, scope.environment, scope.secretPath);
    if (!folder) throw notFound(FOLDER_NOT_FOUND, errorName);
    const permission = ProjectPermission.of(project, identityId);
    permission.require(action, 'secrets', {
      environment: scope.environment,
      secretPath: scope.secretPath,
    });
    return { project, folder, permission };
  }
}

/** A written secret's value, masked as Infisical masks it for a role that may not read it. */
function presentFor(
  permission: ProjectPermission,
  secret: Secret,
  placement: SecretPlacement,
): SecretPresentation {
  return permission.canAccessSecret('readValue', placement)
    ? { value: secret.value, valueHidden: false }
    : { value: HIDDEN_SECRET_VALUE, valueHidden: true };
}

function placementOf(project: Project, scope: SecretScope): SecretPlacement {
  return { projectId: project.id, environment: scope.environment, secretPath: scope.secretPath };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function groupByPath<T>(items: readonly T[], pathOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const path = pathOf(item);
    groups.set(path, [...(groups.get(path) ?? []), item]);
  }
  return groups;
}
