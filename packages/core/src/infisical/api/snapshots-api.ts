import type { InfisicalClient } from '../infisical-client.js';

export interface ApiSecretSnapshot {
  id: string;
  envId: string;
  folderId: string;
  parentFolderId?: string | null;
  createdAt: string;
}

export interface SnapshotFolder {
  projectId: string;
  environment: string;
  path: string;
}

function snapshotsPath(projectId: string): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/secret-snapshots`;
}

/** Newest first; Infisical pages this list itself (offset, limit). */
export function listSnapshots(
  client: InfisicalClient,
  params: SnapshotFolder & { offset: number; limit: number },
  signal?: AbortSignal,
) {
  return client.request<{ secretSnapshots: ApiSecretSnapshot[] }>({
    method: 'GET',
    path: snapshotsPath(params.projectId),
    operation: 'snapshots.list',
    query: {
      environment: params.environment,
      path: params.path,
      offset: params.offset,
      limit: params.limit,
    },
    signal,
  });
}

export function countSnapshots(
  client: InfisicalClient,
  params: SnapshotFolder,
  signal?: AbortSignal,
) {
  return client.request<{ count: number }>({
    method: 'GET',
    path: `${snapshotsPath(params.projectId)}/count`,
    operation: 'snapshots.count',
    query: { environment: params.environment, path: params.path },
    signal,
  });
}
