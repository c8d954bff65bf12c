import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeyAuth, bearer } from './support/api-keys.js';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { metricValue } from './support/injected-mcp-requests.js';

const KEY = 'good-key-0123456789';
const FAILURES = 50;
const LIST_TOOLS = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
/**
 * The refusal log's window, 10 s in production, shortened so the summary comes soon. The burst
 * below takes a fraction of it: every refusal falls in the first window.
 */
const REFUSAL_LOG_WINDOW_MS = 1500;

describe('failed authentication is throttled per source address (authFailuresPerWindow)', () => {
  let running: InfisicalInProcess;

  beforeAll(async () => {
    running = await startInfisicalInProcess(
      {
        auth: apiKeyAuth({ good: KEY }),
        // Behind a proxy the source address is the one it reports: two addresses from one test.
        behindProxy: true,
        limits: { authFailuresPerWindow: FAILURES, rateWindowMs: 60_000 },
      },
      'debug',
      { refusalLogWindowMs: REFUSAL_LOG_WINDOW_MS },
    );
  });
  afterAll(async () => {
    await running?.close();
  });

  const post = (from: string, key: string) =>
    running.http.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { 'content-type': 'application/json', ...bearer(key), 'x-forwarded-for': from },
      payload: LIST_TOOLS,
    });

  it('answers 429 with Retry-After to an address past the limit, closes its connections, and logs a summary', async () => {
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES * 3; i++) {
      const answer = await post(attacker, `guess-${i}`);
      statuses.push(answer.statusCode);
      expect(answer.headers.connection).toBe('close');
      if (answer.statusCode === 429) {
        const retryAfter = Number(answer.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
      }
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(FAILURES);
    expect(statuses.slice(FAILURES).every((status) => status === 429)).toBe(true);
    // The address is refused before authentication: even a good key waits out the window...
    expect((await post(attacker, KEY)).statusCode).toBe(429);
    // ...while other addresses are not affected.
    expect((await post('203.0.113.8', KEY)).statusCode).toBe(200);
    expect((await post('203.0.113.8', 'wrong')).statusCode).toBe(401);

    const metrics = await running.http.app.inject({ url: '/metrics', headers: bearer(KEY) });
    expect(metricValue(metrics.body, 'mcp_limit_refusals_total', { reason: 'auth_failures' })).toBe(
      FAILURES * 2 + 1,
    );
    const lines = () => running.log.output().split('\n');
    expect(lines().filter((line) => line.includes('failed authentication too often'))).toHaveLength(
      1,
    );
    // One line per window, then one summary of the rest.
    await vi.waitFor(
      () =>
        expect(
          lines().filter((line) => line.includes('refused more clients, not logged one by one')),
        ).toHaveLength(1),
      { timeout: REFUSAL_LOG_WINDOW_MS + 3000, interval: 50 },
    );
    expect(lines().filter((line) => line.includes('"refused a client"'))).toHaveLength(1);
  });
});
