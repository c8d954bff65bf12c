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

/** Renames the folder `folderId` (an ID, or its current name) found under the parent `path`. */
export function updateFolder(
  client: InfisicalClient,
  params: {
    projectId: string;
    environment: string;
    path: string;
    folderId: string;
    name: string;
    description?: string;
  },
  signal?: AbortSignal,
) {
  return client.request<{ folder: ApiFolder }>({
    method: 'PATCH',
    operation: 'folders.update',
    path: '/api/v2/folders/:folderId',
    params: { folderId: params.folderId },
    body: {
      projectId: params.projectId,
      environment: params.environment,
      path: params.path,
      name: params.name,
      description: params.description,
    },
    signal,
  });
}

/** Deletes the folder `folderIdOrName` under the parent `path`, with everything in it. */
export function deleteFolder(
  client: InfisicalClient,
  params: { projectId: string; environment: string; path: string; folderIdOrName: string },
  signal?: AbortSignal,
) {
  return client.request<{ folder: ApiFolder }>({
    method: 'DELETE',
    operation: 'folders.delete',
    path: '/api/v2/folders/:folderIdOrName',
    params: { folderIdOrName: params.folderIdOrName },
    body: { projectId: params.projectId, environment: params.environment, path: params.path },
    signal,
  });
}
