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

const SNAPSHOTS_ROUTE = '/api/v1/projects/:projectId/secret-snapshots';

/** Newest first; Infisical pages this list itself (offset, limit). */
export function listSnapshots(
  client: InfisicalClient,
  params: SnapshotFolder & { offset: number; limit: number },
  signal?: AbortSignal,
) {
  return client.request<{ secretSnapshots: ApiSecretSnapshot[] }>({
    method: 'GET',
    path: SNAPSHOTS_ROUTE,
    params: { projectId: params.projectId },
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
    path: `${SNAPSHOTS_ROUTE}/count`,
    params: { projectId: params.projectId },
    operation: 'snapshots.count',
    query: { environment: params.environment, path: params.path },
    signal,
  });
}

export interface ApiSnapshotDetail {
  id: string;
  projectId: string;
  environment: { id: string; slug: string; name: string };
  secretVersions: {
    secretKey: string;
    secretValue: string;
    secretValueHidden?: boolean;
    secretComment?: string;
    version: number;
  }[];
  folderVersion: { id: string; name: string }[];
  createdAt: string;
}

/** The folder's secrets (values included) and sub-folders as they were when the snapshot was taken. */
export function getSnapshot(
  client: InfisicalClient,
  params: { snapshotId: string },
  signal?: AbortSignal,
) {
  return client.request<{ secretSnapshot: ApiSnapshotDetail }>({
    method: 'GET',
    path: '/api/v1/secret-snapshot/:snapshotId',
    params: { snapshotId: params.snapshotId },
    operation: 'snapshots.get',
    signal,
  });
}
