import { createHash } from 'node:crypto';
import type { ClientAuthOptions } from '../../src/auth/client-auth-options.js';

/** What the server stores for a key: its SHA-256, as `--hash-api-key` prints it. */
export const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** API-key auth for these keys, by id, with no per-key settings. */
export function apiKeyAuth(keys: Record<string, string>): ClientAuthOptions {
  return {
    mode: 'api-key',
    keys: Object.entries(keys).map(([id, key]) => ({ id, sha256: sha256(key) })),
  };
}

/** The header a client sends its key in. */
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
