import { InfisicalApiError } from '../infisical-api-error.js';
import type { InfisicalClient } from '../infisical-client.js';

/** A secret as Infisical's v4 routes return it (fields the tools use). */
export interface ApiSecret {
  id: string;
  workspace: string;
  environment: string;
  version: number;
  type: string;
  secretKey: string;
  secretValue: string;
  secretComment?: string;
  secretPath?: string;
  secretValueHidden?: boolean;
  tags?: { id: string; slug: string; name?: string }[];
  createdAt?: string;
  updatedAt?: string;
}

export interface ApiSecretImport {
  secretPath: string;
  environment: string;
  folderId?: string;
  secrets: ApiSecret[];
}

export interface SecretLocation {
  projectId: string;
  environment: string;
  secretPath: string;
}

export interface ListSecretsParams extends SecretLocation {
  expandSecretReferences: boolean;
  includeImports: boolean;
  recursive?: boolean;
  tagSlugs?: readonly string[];
  /** false: Infisical leaves values out of the answer (`secretValueHidden`). */
  viewSecretValue?: boolean;
}

const SECRET_ROUTE = '/api/v4/secrets/:secretName';

/**
 * A listing with values where the identity's role allows reading them, and names only where it
 * does not: Infisical refuses (403 PermissionDenied, "readValue") a listing with values in a
 * folder whose values the role may only describe, so that folder is listed again without them
 * and its secrets come back with `secretValueHidden`.
 */
export async function listSecretsReadingWhatIsAllowed(
  client: InfisicalClient,
  params: ListSecretsParams,
  signal?: AbortSignal,
) {
  try {
    return await listSecrets(client, params, signal);
  } catch (error) {
    if (!(error instanceof InfisicalApiError) || !error.isValueReadRefused) throw error;
    if (params.viewSecretValue === false) throw error;
    return listSecrets(
      client,
      { ...params, viewSecretValue: false, expandSecretReferences: false },
      signal,
    );
  }
}

export function listSecrets(
  client: InfisicalClient,
  params: ListSecretsParams,
  signal?: AbortSignal,
) {
  return client.request<{ secrets: ApiSecret[]; imports?: ApiSecretImport[] }>({
    method: 'GET',
    path: '/api/v4/secrets',
    operation: 'secrets.list',
    query: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      expandSecretReferences: params.expandSecretReferences,
      include_imports: params.includeImports,
      recursive: params.recursive,
      tagSlugs: params.tagSlugs,
      viewSecretValue: params.viewSecretValue ?? true,
    },
    signal,
  });
}

/**
 * The folder's secrets, or `undefined` when the folder does not exist there: for tools that look
 * at one path in several environments, where a folder missing in one is an answer, not a failure.
 */
export async function listSecretsIfFolderExists(
  client: InfisicalClient,
  params: ListSecretsParams,
  signal?: AbortSignal,
) {
  try {
    return await listSecretsReadingWhatIsAllowed(client, params, signal);
  } catch (error) {
    if (error instanceof InfisicalApiError && error.isMissingSecretPath) return undefined;
    throw error;
  }
}

export function getSecret(
  client: InfisicalClient,
  params: SecretLocation & {
    secretName: string;
    expandSecretReferences: boolean;
    includeImports: boolean;
    version?: number;
  },
  signal?: AbortSignal,
) {
  return client.request<{ secret: ApiSecret }>({
    method: 'GET',
    path: SECRET_ROUTE,
    params: { secretName: params.secretName },
    operation: 'secrets.get',
    query: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      expandSecretReferences: params.expandSecretReferences,
      include_imports: params.includeImports,
      version: params.version,
      viewSecretValue: true,
    },
    signal,
  });
}

export function createSecret(
  client: InfisicalClient,
  params: SecretLocation & {
    secretName: string;
    secretValue: string;
    secretComment?: string;
    tagIds?: readonly string[];
  },
  signal?: AbortSignal,
) {
  return client.request<{ secret: ApiSecret }>({
    method: 'POST',
    path: SECRET_ROUTE,
    params: { secretName: params.secretName },
    operation: 'secrets.create',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      secretValue: params.secretValue,
      secretComment: params.secretComment,
      tagIds: params.tagIds,
      type: 'shared',
    },
    signal,
  });
}

/** Changes only what is given: an absent value keeps the stored value. */
export function updateSecret(
  client: InfisicalClient,
  params: SecretLocation & {
    secretName: string;
    secretValue?: string;
    newSecretName?: string;
    secretComment?: string;
    /** Replaces the secret's tags. */
    tagIds?: readonly string[];
  },
  signal?: AbortSignal,
) {
  return client.request<{ secret: ApiSecret }>({
    method: 'PATCH',
    path: SECRET_ROUTE,
    params: { secretName: params.secretName },
    operation: 'secrets.update',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      secretValue: params.secretValue,
      newSecretName: params.newSecretName,
      secretComment: params.secretComment,
      tagIds: params.tagIds,
      type: 'shared',
    },
    signal,
  });
}

export function deleteSecret(
  client: InfisicalClient,
  params: SecretLocation & { secretName: string },
  signal?: AbortSignal,
) {
  return client.request<{ secret: ApiSecret }>({
    method: 'DELETE',
    path: SECRET_ROUTE,
    params: { secretName: params.secretName },
    operation: 'secrets.delete',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      type: 'shared',
    },
    signal,
  });
}

const BATCH_PATH = '/api/v4/secrets/batch';

export interface BatchCreateItem {
  secretKey: string;
  secretValue: string;
  secretComment?: string;
  tagIds?: readonly string[];
}

export interface BatchUpdateItem {
  secretKey: string;
  secretValue?: string;
  newSecretName?: string;
  secretComment?: string;
  tagIds?: readonly string[];
}

/** Infisical runs each batch in one transaction: all of it is written, or none. */
export function createSecrets(
  client: InfisicalClient,
  params: SecretLocation & { secrets: readonly BatchCreateItem[] },
  signal?: AbortSignal,
) {
  return client.request<{ secrets: ApiSecret[] }>({
    method: 'POST',
    path: BATCH_PATH,
    operation: 'secrets.batch-create',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      secrets: params.secrets,
    },
    signal,
  });
}

/** `upsert` creates the secrets that do not exist; `failOnNotFound` refuses the whole batch. */
export function updateSecrets(
  client: InfisicalClient,
  params: SecretLocation & {
    secrets: readonly BatchUpdateItem[];
    mode: 'failOnNotFound' | 'upsert';
  },
  signal?: AbortSignal,
) {
  return client.request<{ secrets: ApiSecret[] }>({
    method: 'PATCH',
    path: BATCH_PATH,
    operation: 'secrets.batch-update',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      mode: params.mode,
      secrets: params.secrets,
    },
    signal,
  });
}

export function deleteSecrets(
  client: InfisicalClient,
  params: SecretLocation & { secretNames: readonly string[] },
  signal?: AbortSignal,
) {
  return client.request<{ secrets: ApiSecret[] }>({
    method: 'DELETE',
    path: BATCH_PATH,
    operation: 'secrets.batch-delete',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      secrets: params.secretNames.map((secretKey) => ({ secretKey, type: 'shared' })),
    },
    signal,
  });
}

/**
 * Moves secrets (by id) to another folder or environment of the same project. Infisical
 * recreates them at the destination without their tags and deletes them at the source.
 */
export function moveSecrets(
  client: InfisicalClient,
  params: {
    projectId: string;
    sourceEnvironment: string;
    sourceSecretPath: string;
    destinationEnvironment: string;
    destinationSecretPath: string;
    secretIds: readonly string[];
    shouldOverwrite: boolean;
  },
  signal?: AbortSignal,
) {
  return client.request<{ isSourceUpdated: boolean; isDestinationUpdated: boolean }>({
    method: 'POST',
    path: '/api/v4/secrets/move',
    operation: 'secrets.move',
    body: params,
    signal,
  });
}
