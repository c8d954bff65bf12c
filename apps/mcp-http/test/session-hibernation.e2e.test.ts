import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  metricValue,
  openSessionByHand,
  parseJson,
  postInitialize,
  postToSession,
  type RawResponse,
  rawRequest,
} from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

// Sessions idle 1 s hibernate; the sweeper looks every second.
let running: ServerAgainstSandbox;

beforeAll(async () => {
  running = await startServerAgainstSandbox(['--session-hibernate-after', '1']);
});

afterAll(async () => {
  await running?.close();
});

const baseUrl = () => running.server.baseUrl;

async function sessionsHeld(base = baseUrl()): Promise<number> {
  return parseJson<{ sessions: number }>(await rawRequest(`${base}/health`)).sessions;
}

async function restoredCount(): Promise<number> {
  const metrics = (await rawRequest(`${baseUrl()}/metrics`)).body;
  return metricValue(metrics, 'mcp_sessions_restored_total') ?? 0;
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 8000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The JSON-RPC answer in a POST's response, whether sent as JSON or as one SSE event. */
function answerOf(response: RawResponse): { result?: Record<string, unknown>; error?: unknown } {
  const data = response.body.startsWith('{')
    ? response.body
    : response.body
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('');
  return JSON.parse(data);
}

function getApiKey(sessionId: string, id: number) {
  return postToSession(baseUrl(), sessionId, '2025-11-25', {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: {
      name: 'get-secret',
      arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
    },
  });
}

describe('idle Streamable HTTP sessions hibernate and come back on their next request', () => {
  it('frees an idle session, then restores it transparently for its next call', async () => {
    const sessionId = await openSessionByHand(baseUrl());
    const first = answerOf(await getApiKey(sessionId, 1));
    const stored = (await running.admin.secrets(running.projectId, 'dev')).find(
      (secret) => secret.key === 'API_KEY',
    );
    expect(first.result?.structuredContent).toMatchObject({
      secret: { secretKey: 'API_KEY', secretValue: stored?.value },
    });
    expect(await sessionsHeld()).toBeGreaterThanOrEqual(1);
    const restoredBefore = await restoredCount();

    await until(async () => (await sessionsHeld()) === 0, 'the session to hibernate');

    const again = await getApiKey(sessionId, 2);
    expect(again.status).toBe(200);
    expect(answerOf(again).result?.structuredContent).toEqual(first.result?.structuredContent);
    expect(await sessionsHeld()).toBe(1);
    expect(await restoredCount()).toBe(restoredBefore + 1);

    // DELETE ends a session whether it is held or hibernating; then it is gone for good.
    await until(async () => (await sessionsHeld()) === 0, 'the session to hibernate again');
    const deleted = await rawRequest(`${baseUrl()}/mcp`, {
      method: 'DELETE',
      headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
    });
    expect(deleted.status).toBe(200);
    expect((await getApiKey(sessionId, 3)).status).toBe(404);
  });

  it('answers a session of a client-brought identity the same, held or restored: only with its headers', async () => {
    const own = { 'x-infisical-token': 'token-of-the-opener' };
    const sessionId = await openSessionByHand(baseUrl(), '2025-11-25', own);
    const listTools = (headers: Record<string, string>) =>
      postToSession(
        baseUrl(),
        sessionId,
        '2025-11-25',
        { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        headers,
      );
    const refusedHeld = await listTools({});
    expect(refusedHeld.status).toBe(403);
    expect(refusedHeld.body).toContain('acts as another Infisical identity');

    await until(async () => (await sessionsHeld()) === 0, 'the session to hibernate');
    const restoredBefore = await restoredCount();
    const refusedAsleep = await listTools({});
    expect(refusedAsleep.status).toBe(403);
    expect(refusedAsleep.body).toBe(refusedHeld.body);
    expect(await restoredCount()).toBe(restoredBefore);

    expect((await listTools(own)).status).toBe(200);
    expect(await restoredCount()).toBe(restoredBefore + 1);
    expect((await listTools({ 'x-infisical-token': 'token-of-someone-else' })).status).toBe(403);
  });

  it('counts hibernated sessions against the per-client cap, so idling does not get round it', async () => {
    const capped = await startServerAgainstSandbox([
      '--session-hibernate-after',
      '1',
      '--max-sessions-per-client',
      '2',
    ]);
    try {
      const base = capped.server.baseUrl;
      const first = await openSessionByHand(base);
      await openSessionByHand(base);
      await until(async () => (await sessionsHeld(base)) === 0, 'both sessions to hibernate');

      const refused = await postInitialize(base);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain('this client has 2 open');

      // Ending a hibernated session frees its place.
      const deleted = await rawRequest(`${base}/mcp`, {
        method: 'DELETE',
        headers: { 'mcp-session-id': first, 'mcp-protocol-version': '2025-11-25' },
      });
      expect(deleted.status).toBe(200);
      await openSessionByHand(base);
    } finally {
      await capped.close();
    }
  });

  it('keeps a session whose client listens on a GET stream, as the SDK client does', async () => {
    const client = new Client({ name: 'listener', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl()}/mcp`)));
    try {
      const held = await sessionsHeld();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await sessionsHeld()).toBe(held);
      const listed = await client.listTools();
      expect(listed.tools.length).toBeGreaterThan(40);
    } finally {
      await client.close();
    }
  });
});
