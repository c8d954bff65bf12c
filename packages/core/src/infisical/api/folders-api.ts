import type { InfisicalClient } from '../infisical-client.js';

export interface ApiFolder {
  id: string;
  name: string;
  path?: string;
  description?: string | null;
  createdAt?: string;
}

export function createFolder(
  client: InfisicalClient,
  params: {
    projectId: string;
    environment: string;
    name: string;
    path: string;
    description?: string;
  },
  signal?: AbortSignal,
) {
  return client.request<{ folder: ApiFolder }>({
    method: 'POST',
    operation: 'folders.create',
    path: '/api/v2/folders',
    body: {
      projectId: params.projectId,
      environment: params.environment,
      name: params.name,
      path: params.path,
      description: params.description,
    },
    signal,
  });
}

export function listFolders(
  client: InfisicalClient,
  params: { projectId: string; environment: string; path: string; recursive: boolean },
  signal?: AbortSignal,
) {
  return client.request<{ folders: (ApiFolder & { relativePath?: string })[] }>({
    method: 'GET',
    path: '/api/v2/folders',
    operation: 'folders.list',
    query: {
      projectId: params.projectId,
      environment: params.environment,
      path: params.path,
      recursive: params.recursive,
    },
    signal,
  });
}
