import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry } from './client-auth-options.js';
import type { ClientPrincipal } from './client-principal.js';

/**
 * Checks a presented API key against stored SHA-256 digests. Every entry is compared, in
 * constant time, so timing reveals neither which key nor how much of it matched.
 */
export class ApiKeyVerifier {
  private readonly entries: { entry: ApiKeyEntry; digest: Buffer }[];

  constructor(entries: ApiKeyEntry[]) {
    this.entries = entries.map((entry) => ({ entry, digest: Buffer.from(entry.sha256, 'hex') }));
  }

  verify(presented: string): ClientPrincipal | undefined {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let match: ApiKeyEntry | undefined;
    for (const { entry, digest: stored } of this.entries) {
      if (timingSafeEqual(digest, stored) && !match) match = entry;
    }
    if (!match) return undefined;
    return {
      kind: 'api-key',
      id: match.id,
      readOnly: match.readOnly ?? false,
      toolsets: match.toolsets,
      scopes: [],
    };
  }
}

/**
 * Why a list of keys cannot be told apart; undefined when it can. An id names one key's
 * permissions (per-key safety settings are looked up by it), and a digest matches one key:
 * with either twice, which entry wins is an accident of order, so a stricter key could be
 * served as a looser one.
 */
export function apiKeysProblem(
  entries: readonly Pick<ApiKeyEntry, 'id' | 'sha256'>[],
): string | undefined {
  const ids = new Set<string>();
  const digests = new Map<string, string>();
  for (const { id, sha256 } of entries) {
    if (ids.has(id)) return `two keys have the id "${id}": give each key its own id.`;
    ids.add(id);
    const other = digests.get(sha256);
    if (other !== undefined) {
      return `keys "${other}" and "${id}" have the same sha256: they are one key; keep one entry.`;
    }
    digests.set(sha256, id);
  }
  return undefined;
}

/** The digest to store for a key: `sha256(key)` as lower-case hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
