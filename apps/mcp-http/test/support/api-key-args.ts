import { createHash } from 'node:crypto';

/** What the server stores for a key: its SHA-256, as `--hash-api-key` prints it. */
export const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** `--auth api-key --api-keys …` for these keys, by id, with no per-key settings. */
export function apiKeyArgs(keys: Record<string, string>): string[] {
  const entries = Object.entries(keys).map(([id, key]) => ({ id, sha256: sha256(key) }));
  return ['--auth', 'api-key', '--api-keys', JSON.stringify(entries)];
}
