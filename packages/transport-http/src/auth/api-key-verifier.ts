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

/** The digest to store for a key: `sha256(key)` as lower-case hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
