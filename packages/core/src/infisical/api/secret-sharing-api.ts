import { InfisicalApiError } from '../infisical-api-error.js';
import type { InfisicalClient } from '../infisical-client.js';

export interface ApiSharedSecret {
  id: string;
  name?: string | null;
  expiresAt?: string;
  expiresAfterViews?: number | null;
  accessType?: string;
  /** Sent by current Infisical; older versions answered with the id only. */
  sharedSecretLink?: string;
}

export interface CreateSharedSecretParams {
  secretValue: string;
  name?: string;
  password?: string;
  expiresIn: string;
  maxViews?: number;
  accessType: 'anyone' | 'organization';
}

/**
 * Where Infisical has served secret sharing: `/api/v1/secret-sharing` (backend/src/server/routes/
 * v1/index.ts; the route since PR #5427, February 2026, and before 2025), and
 * `/api/v1/secret-sharing/shared` in between. The API reference's `/api/v1/shared-secrets` is
 * served by no backend version.
 */
const CURRENT_ROUTE = '/api/v1/secret-sharing';
const ROUTE_OF_2025 = '/api/v1/secret-sharing/shared';

export async function createSharedSecret(
  client: InfisicalClient,
  params: CreateSharedSecretParams,
  signal?: AbortSignal,
): Promise<ApiSharedSecret> {
  const create = (path: string) =>
    client.request<ApiSharedSecret>({
      method: 'POST',
      path,
      operation: 'secret-sharing.create',
      body: params,
      signal,
    });
  try {
    return await create(CURRENT_ROUTE);
  } catch (error) {
    // A 404 means no route took the request, so nothing was shared: the 2025 route is safe to try.
    if (!(error instanceof InfisicalApiError) || error.status !== 404) throw error;
    return create(ROUTE_OF_2025);
  }
}
