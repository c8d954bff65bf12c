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

export function createSharedSecret(
  client: InfisicalClient,
  params: {
    secretValue: string;
    name?: string;
    password?: string;
    expiresIn: string;
    maxViews?: number;
    accessType: 'anyone' | 'organization';
  },
  signal?: AbortSignal,
) {
  return client.request<ApiSharedSecret>({
    method: 'POST',
    path: '/api/v1/secret-sharing',
    operation: 'secret-sharing.create',
    body: params,
    signal,
  });
}
