import { maskUrlCredentials } from '../url-credentials.js';
import type { InfisicalClient } from './infisical-client.js';

export interface InfisicalReadiness {
  ready: boolean;
  detail?: string;
}

/**
 * Answers "can this server do its job now?": a token can be obtained (a login, or the cached
 * token) and the Infisical API answers its status route. A ready answer is reused for `cacheMs`
 * so frequent probes do not become load on Infisical; a not-ready one for at most
 * `notReadyCacheMs`, so the server reports itself ready soon after Infisical comes back.
 */
export function infisicalReadinessCheck(
  client: InfisicalClient,
  cacheMs = 5_000,
  notReadyCacheMs = Math.min(cacheMs, 1_000),
): () => Promise<InfisicalReadiness> {
  let last: { at: number; result: Promise<InfisicalReadiness>; ready?: boolean } | undefined;
  return () => {
    const now = Date.now();
    const reuseFor = last?.ready === false ? notReadyCacheMs : cacheMs;
    if (last && now - last.at < reuseFor) return last.result;
    const entry: NonNullable<typeof last> = { at: now, result: probe(client) };
    void entry.result.then((readiness) => {
      entry.ready = readiness.ready;
    });
    last = entry;
    return entry.result;
  };
}

async function probe(client: InfisicalClient): Promise<InfisicalReadiness> {
  try {
    await client.tokens.getToken();
  } catch (error) {
    return { ready: false, detail: `cannot obtain an Infisical token: ${messageOf(error)}` };
  }
  try {
    await client.http.send({
      method: 'GET',
      path: '/api/status',
      operation: 'status',
      timeoutMs: 5_000,
    });
  } catch (error) {
    return { ready: false, detail: `Infisical API not reachable: ${messageOf(error)}` };
  }
  return { ready: true };
}

/** Readiness details are served on /ready and logged: masked in case a message quotes a URL. */
function messageOf(error: unknown): string {
  return maskUrlCredentials(error instanceof Error ? error.message : String(error));
}
