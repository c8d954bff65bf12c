import type { InfisicalClient } from '../infisical-client.js';

export interface ApiSecretImport {
  id: string;
  importPath: string;
  position: number;
  folderId?: string;
  isReplication?: boolean;
  createdAt?: string;
  importEnv: { id: string; name: string; slug: string };
}

/** The folder whose imports these are. */
export interface ImportingFolder {
  projectId: string;
  environment: string;
  path: string;
}

export function listSecretImports(
  client: InfisicalClient,
  params: ImportingFolder,
  signal?: AbortSignal,
) {
  return client.request<{ secretImports: ApiSecretImport[] }>({
    method: 'GET',
    path: '/api/v2/secret-imports',
    operation: 'secret-imports.list',
    query: { projectId: params.projectId, environment: params.environment, path: params.path },
    signal,
  });
}

export function createSecretImport(
  client: InfisicalClient,
  params: ImportingFolder & { importEnvironment: string; importPath: string },
  signal?: AbortSignal,
) {
  return client.request<{ secretImport: ApiSecretImport }>({
    method: 'POST',
    path: '/api/v2/secret-imports',
    operation: 'secret-imports.create',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      path: params.path,
      import: { environment: params.importEnvironment, path: params.importPath },
    },
    signal,
  });
}

export function deleteSecretImport(
  client: InfisicalClient,
  params: ImportingFolder & { secretImportId: string },
  signal?: AbortSignal,
) {
  return client.request<{ secretImport: ApiSecretImport }>({
    method: 'DELETE',
    path: '/api/v2/secret-imports/:secretImportId',
    params: { secretImportId: params.secretImportId },
    operation: 'secret-imports.delete',
    body: { projectId: params.projectId, environment: params.environment, path: params.path },
    signal,
  });
}
