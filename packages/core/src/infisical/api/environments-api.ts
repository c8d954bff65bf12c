import type { InfisicalClient } from '../infisical-client.js';

export interface ApiEnvironment {
  id: string;
  name: string;
  slug: string;
  position?: number;
}

export function createEnvironment(
  client: InfisicalClient,
  params: { projectId: string; name: string; slug: string; position?: number },
  signal?: AbortSignal,
) {
  return client.request<{ environment: ApiEnvironment }>({
    method: 'POST',
    operation: 'environments.create',
    path: `/api/v1/projects/${encodeURIComponent(params.projectId)}/environments`,
    body: { name: params.name, slug: params.slug, position: params.position },
    signal,
  });
}

function environmentPath(projectId: string, environmentId: string): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/environments/${encodeURIComponent(environmentId)}`;
}

export function updateEnvironment(
  client: InfisicalClient,
  params: {
    projectId: string;
    environmentId: string;
    changes: { name?: string; slug?: string; position?: number };
  },
  signal?: AbortSignal,
) {
  return client.request<{ environment: ApiEnvironment }>({
    method: 'PATCH',
    operation: 'environments.update',
    path: environmentPath(params.projectId, params.environmentId),
    body: params.changes,
    signal,
  });
}

export function deleteEnvironment(
  client: InfisicalClient,
  params: { projectId: string; environmentId: string },
  signal?: AbortSignal,
) {
  return client.request<{ environment: ApiEnvironment }>({
    method: 'DELETE',
    operation: 'environments.delete',
    path: environmentPath(params.projectId, params.environmentId),
    signal,
  });
}
