import type { InfisicalClient } from './infisical-client.js';

export interface InfisicalReadiness {
  ready: boolean;
  detail?: string;
}

/**
 * Answers "can this server do its job now?": a token can be obtained (a login, or the cached
 * token) and the Infisical API answers its status route. Results are reused for `cacheMs`, so
 * frequent probes do not become load on Infisical.
 */
export function infisicalReadinessCheck(
  client: InfisicalClient,
  cacheMs = 5_000,
): () => Promise<InfisicalReadiness> {
  let last: { at: number; result: Promise<InfisicalReadiness> } | undefined;
  return () => {
    const now = Date.now();
    if (last && now - last.at < cacheMs) return last.result;
    const result = probe(client);
    last = { at: now, result };
    return result;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
