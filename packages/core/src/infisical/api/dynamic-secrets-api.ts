import type { InfisicalClient } from '../infisical-client.js';
import { getProject } from './projects-api.js';

/**
 * Dynamic secrets name their project by slug, not id. Tools take the usual projectId and look
 * the slug up first (one extra request).
 */
export interface DynamicSecretFolder {
  projectId: string;
  environment: string;
  path: string;
}

export interface ApiDynamicSecret {
  id: string;
  name: string;
  type: string;
  defaultTTL: string;
  maxTTL?: string | null;
  status?: string | null;
  statusDetails?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface ApiDynamicSecretLease {
  id: string;
  expireAt: string;
  createdAt?: string;
  status?: string | null;
  externalEntityId?: string;
}

async function folderOf(
  client: InfisicalClient,
  folder: DynamicSecretFolder,
  signal?: AbortSignal,
) {
  const { project } = await getProject(client, { projectId: folder.projectId }, signal);
  return { projectSlug: project.slug, environmentSlug: folder.environment, path: folder.path };
}

export async function listDynamicSecrets(
  client: InfisicalClient,
  folder: DynamicSecretFolder,
  signal?: AbortSignal,
) {
  return client.request<{ dynamicSecrets: ApiDynamicSecret[] }>({
    method: 'GET',
    path: '/api/v1/dynamic-secrets',
    operation: 'dynamic-secrets.list',
    query: await folderOf(client, folder, signal),
    signal,
  });
}

/** The dynamic secret and its active leases. Its provider inputs are dropped here, unread. */
export async function getDynamicSecret(
  client: InfisicalClient,
  params: DynamicSecretFolder & { name: string },
  signal?: AbortSignal,
) {
  const query = await folderOf(client, params, signal);
  const { dynamicSecret } = await client.request<{ dynamicSecret: ApiDynamicSecret }>({
    method: 'GET',
    path: '/api/v1/dynamic-secrets/:name',
    params: { name: params.name },
    operation: 'dynamic-secrets.get',
    query,
    signal,
  });
  const { leases } = await client.request<{ leases: ApiDynamicSecretLease[] }>({
    method: 'GET',
    path: '/api/v1/dynamic-secrets/:name/leases',
    params: { name: params.name },
    operation: 'dynamic-secrets.list-leases',
    query,
    signal,
  });
  return { dynamicSecret, leases };
}

export async function createDynamicSecretLease(
  client: InfisicalClient,
  params: DynamicSecretFolder & { name: string; ttl?: string },
  signal?: AbortSignal,
) {
  return client.request<{
    lease: ApiDynamicSecretLease;
    dynamicSecret: ApiDynamicSecret;
    data: unknown;
  }>({
    method: 'POST',
    path: '/api/v1/dynamic-secrets/leases',
    operation: 'dynamic-secrets.create-lease',
    body: {
      ...(await folderOf(client, params, signal)),
      dynamicSecretName: params.name,
      ttl: params.ttl,
    },
    signal,
  });
}

export async function renewDynamicSecretLease(
  client: InfisicalClient,
  params: DynamicSecretFolder & { leaseId: string; ttl?: string },
  signal?: AbortSignal,
) {
  return client.request<{ lease: ApiDynamicSecretLease }>({
    method: 'POST',
    path: '/api/v1/dynamic-secrets/leases/:leaseId/renew',
    params: { leaseId: params.leaseId },
    operation: 'dynamic-secrets.renew-lease',
    body: { ...(await folderOf(client, params, signal)), ttl: params.ttl },
    signal,
  });
}

export async function revokeDynamicSecretLease(
  client: InfisicalClient,
  params: DynamicSecretFolder & { leaseId: string },
  signal?: AbortSignal,
) {
  return client.request<{ lease: ApiDynamicSecretLease }>({
    method: 'DELETE',
    path: '/api/v1/dynamic-secrets/leases/:leaseId',
    params: { leaseId: params.leaseId },
    operation: 'dynamic-secrets.revoke-lease',
    body: await folderOf(client, params, signal),
    signal,
  });
}
