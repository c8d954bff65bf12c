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
  tagSlugs?: string[];
}

const route = (secretName: string) => `/api/v4/secrets/${encodeURIComponent(secretName)}`;

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
      viewSecretValue: true,
    },
    signal,
  });
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
    path: route(params.secretName),
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
  params: SecretLocation & { secretName: string; secretValue: string; secretComment?: string },
  signal?: AbortSignal,
) {
  return client.request<{ secret: ApiSecret }>({
    method: 'POST',
    path: route(params.secretName),
    operation: 'secrets.create',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      secretValue: params.secretValue,
      secretComment: params.secretComment,
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
  },
  signal?: AbortSignal,
) {
  return client.request<{ secret: ApiSecret }>({
    method: 'PATCH',
    path: route(params.secretName),
    operation: 'secrets.update',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      secretPath: params.secretPath,
      secretValue: params.secretValue,
      newSecretName: params.newSecretName,
      secretComment: params.secretComment,
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
    path: route(params.secretName),
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
