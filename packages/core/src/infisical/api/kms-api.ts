import type { InfisicalClient } from '../infisical-client.js';
import { fetchAllPages } from './fetch-all-pages.js';

export interface ApiKmsKey {
  id: string;
  name: string;
  description?: string | null;
  keyUsage?: string;
  encryptionAlgorithm?: string;
  isDisabled?: boolean;
  createdAt?: string;
}

/** Every key of a project; the route pages with offset and limit (at most 100). */
export function listKmsKeys(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return fetchAllPages(100, async (offset, limit) => {
    const page = await client.request<{ keys: ApiKmsKey[]; totalCount: number }>({
      method: 'GET',
      path: '/api/v1/kms/keys',
      operation: 'kms.list-keys',
      query: { projectId: params.projectId, offset, limit },
      signal,
    });
    return { items: page.keys, totalCount: page.totalCount };
  });
}

/** `plaintext` is base64, as Infisical wants it; the ciphertext is an opaque base64 string. */
export function kmsEncrypt(
  client: InfisicalClient,
  params: { keyId: string; plaintext: string },
  signal?: AbortSignal,
) {
  return client.request<{ ciphertext: string }>({
    method: 'POST',
    path: '/api/v1/kms/keys/:keyId/encrypt',
    params: { keyId: params.keyId },
    operation: 'kms.encrypt',
    body: { plaintext: params.plaintext },
    signal,
  });
}

/** Answers the plaintext as base64. */
export function kmsDecrypt(
  client: InfisicalClient,
  params: { keyId: string; ciphertext: string },
  signal?: AbortSignal,
) {
  return client.request<{ plaintext: string }>({
    method: 'POST',
    path: '/api/v1/kms/keys/:keyId/decrypt',
    params: { keyId: params.keyId },
    operation: 'kms.decrypt',
    body: { ciphertext: params.ciphertext },
    signal,
  });
}
