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
    path: '/api/v1/projects/:projectId/environments',
    params: { projectId: params.projectId },
    body: { name: params.name, slug: params.slug, position: params.position },
    signal,
  });
}

const ENVIRONMENT_ROUTE = '/api/v1/projects/:projectId/environments/:environmentId';

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
    path: ENVIRONMENT_ROUTE,
    params: { projectId: params.projectId, environmentId: params.environmentId },
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
    path: ENVIRONMENT_ROUTE,
    params: { projectId: params.projectId, environmentId: params.environmentId },
    signal,
  });
}
