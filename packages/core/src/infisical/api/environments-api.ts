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
