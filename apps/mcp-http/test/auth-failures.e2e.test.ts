import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeyArgs } from './support/api-key-args.js';
import { metricValue, rawRequest } from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

const KEY = 'good-key-0123456789';
const FAILURES = 50;
const LIST_TOOLS = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

describe('failed authentication is throttled per source address (--rate-limit-auth-failures)', () => {
  let running: ServerAgainstSandbox;

  beforeAll(async () => {
    running = await startServerAgainstSandbox([
      ...apiKeyArgs({ good: KEY }),
      // Behind a proxy the source address is the one it reports: two addresses from one test.
      '--behind-proxy',
      '--rate-limit-auth-failures',
      String(FAILURES),
      '--rate-limit-window',
      '60',
    ]);
  });
  afterAll(async () => {
    await running?.close();
  });

  const post = (from: string, key: string) =>
    rawRequest(`${running.server.baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        'x-forwarded-for': from,
      },
      body: LIST_TOOLS,
    });

  it('answers 429 with Retry-After to an address past the limit, closes its connections, and logs a summary', async () => {
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < FAILURES * 3; i++) {
      const answer = await post(attacker, `guess-${i}`);
      statuses.push(answer.status);
      expect(answer.headers.connection).toBe('close');
      if (answer.status === 429) {
        const retryAfter = Number(answer.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
      }
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(FAILURES);
    expect(statuses.slice(FAILURES).every((status) => status === 429)).toBe(true);
    // The address is refused before authentication: even a good key waits out the window...
    expect((await post(attacker, KEY)).status).toBe(429);
    // ...while other addresses are not affected.
    expect((await post('203.0.113.8', KEY)).status).toBe(200);
    expect((await post('203.0.113.8', 'wrong')).status).toBe(401);

    const metrics = await rawRequest(`${running.server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(metricValue(metrics.body, 'mcp_limit_refusals_total', { reason: 'auth_failures' })).toBe(
      FAILURES * 2 + 1,
    );
    const lines = () => running.server.output().split('\n');
    expect(lines().filter((line) => line.includes('failed authentication too often'))).toHaveLength(
      1,
    );
    // One line per window, then one summary of the rest.
    await vi.waitFor(
      () =>
        expect(
          lines().filter((line) => line.includes('refused more clients, not logged one by one')),
        ).toHaveLength(1),
      { timeout: 15_000, interval: 250 },
    );
    expect(lines().filter((line) => line.includes('"refused a client"'))).toHaveLength(1);
  }, 30_000);
});
