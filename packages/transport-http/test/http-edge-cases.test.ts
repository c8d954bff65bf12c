import { readSseEvents, responseFromSse } from '@infisical/mcp-test-kit';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import {
  metricValue,
  openSessionByHand,
  parseJson,
  postToSession,
  STREAMABLE_ACCEPT,
} from './support/injected-mcp-requests.js';

const MAX_BODY_BYTES = 4096;
const ALLOWED_ORIGIN = 'http://app.example';

let running: InfisicalInProcess;

beforeAll(async () => {
  running = await startInfisicalInProcess({
    maxBodyBytes: MAX_BODY_BYTES,
    allowedOrigins: [ALLOWED_ORIGIN],
  });
});

afterAll(async () => {
  await running?.close();
});

const mcpUrl = () => `${running.baseUrl}/mcp`;
const app = () => running.http.app;

type Method = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH' | 'OPTIONS';

/** A request as a client of the listening server sends it: its Host names that server. */
function request(
  path: string,
  options: { method?: Method; headers?: Record<string, string>; body?: string } = {},
): Promise<LightMyRequestResponse> {
  return app().inject({
    method: options.method ?? 'GET',
    url: path,
    headers: { host: new URL(running.baseUrl).host, ...options.headers },
    payload: options.body,
  });
}
const listTools = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

describe('sessions', () => {
  it('answers an unknown session id with 404 on POST, GET and DELETE', async () => {
    const unknown = '2f1e0a3c-0000-4000-8000-000000000000';
    const post = await postToSession(app(), unknown, '2025-11-25', listTools);
    const get = await request('/mcp', {
      headers: { accept: 'text/event-stream', 'mcp-session-id': unknown },
    });
    const del = await request('/mcp', {
      method: 'DELETE',
      headers: { 'mcp-session-id': unknown },
    });
    for (const response of [post, get, del]) {
      expect(response.statusCode).toBe(404);
      expect(parseJson(response)).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    }
  });

  it('requires a session id on GET with an event stream and on DELETE (400)', async () => {
    const get = await request('/mcp', { headers: { accept: 'text/event-stream' } });
    const del = await request('/mcp', { method: 'DELETE' });
    for (const response of [get, del]) {
      expect(response.statusCode).toBe(400);
      expect(parseJson(response)).toMatchObject({ error: { code: -32000 } });
    }
  });

  it('ends a session on DELETE; the id then answers 404', async () => {
    const sessionId = await openSessionByHand(app());
    const del = await request('/mcp', {
      method: 'DELETE',
      headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' },
    });
    expect(del.statusCode).toBe(200);
    const after = await postToSession(app(), sessionId, '2025-11-25', listTools);
    expect(after.statusCode).toBe(404);
  });

  it('rejects an unsupported MCP-Protocol-Version inside a session with 400', async () => {
    const sessionId = await openSessionByHand(app());
    const post = await postToSession(app(), sessionId, '1999-01-01', listTools);
    expect(post.statusCode).toBe(400);
    expect(post.body).toContain('Unsupported protocol version');
    const get = await request('/mcp', {
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '1999-01-01',
      },
    });
    expect(get.statusCode).toBe(400);
    // The session itself is unharmed.
    const ok = await postToSession(app(), sessionId, '2025-11-25', listTools);
    expect(ok.statusCode).toBe(200);
  });

  it('rejects an unsupported MCP-Protocol-Version on a plain JSON-RPC POST with 400', async () => {
    const response = await request('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'mcp-protocol-version': '1999-01-01' },
      body: JSON.stringify(listTools),
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('requests the server refuses', () => {
  it('answers PUT and PATCH /mcp with 405 and an Allow header', async () => {
    for (const method of ['PUT', 'PATCH'] as const) {
      const response = await request('/mcp', {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(listTools),
      });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('GET, POST, DELETE');
    }
  });

  it('answers malformed JSON with 400 and JSON-RPC -32700', async () => {
    for (const accept of ['*/*', STREAMABLE_ACCEPT]) {
      const response = await request('/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: '{"jsonrpc": "2.0", "id": 1, "method": ',
      });
      expect(response.statusCode).toBe(400);
      expect(parseJson(response)).toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700 },
      });
    }
  });

  it('answers JSON that is not JSON-RPC with 400 and JSON-RPC -32600', async () => {
    for (const body of ['{"hello":"world"}', '[]', '42', '[{"jsonrpc":"2.0","id":1}]']) {
      for (const accept of ['*/*', STREAMABLE_ACCEPT]) {
        const response = await request('/mcp', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body,
        });
        expect(response.statusCode, body).toBe(400);
        expect(parseJson(response)).toMatchObject({ id: null, error: { code: -32600 } });
      }
    }
  });

  it('answers a body above maxBodyBytes with 413, on /mcp and /messages', async () => {
    const oversized = JSON.stringify({
      ...listTools,
      params: { padding: 'x'.repeat(MAX_BODY_BYTES) },
    });
    for (const path of ['/mcp', '/messages?sessionId=whatever']) {
      const response = await request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: oversized,
      });
      expect(response.statusCode).toBe(413);
      expect(parseJson(response)).toMatchObject({ error: { code: -32600 } });
    }
    // A body just under the limit is served.
    const fits = await request('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...listTools, params: { padding: 'x'.repeat(MAX_BODY_BYTES - 100) } }),
    });
    expect(fits.statusCode).toBe(200);
  });

  it('answers a Content-Type other than JSON with 415', async () => {
    for (const contentType of [
      'application/xml',
      'text/plain',
      'application/x-www-form-urlencoded',
    ]) {
      const response = await request('/mcp', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify(listTools),
      });
      expect(response.statusCode, contentType).toBe(415);
      expect(parseJson(response), contentType).toMatchObject({ jsonrpc: '2.0', id: null });
    }
  });
});

describe('Host and Origin (DNS rebinding protection) and CORS', () => {
  it('refuses a Host header that is not this server with 403', async () => {
    for (const path of ['/mcp', '/sse']) {
      const response = await request(path, {
        headers: { host: 'evil.example.com' },
      });
      expect(response.statusCode).toBe(403);
      expect(parseJson(response)).toMatchObject({
        error: { message: expect.stringMatching(/Host/) },
      });
    }
    const post = await request('/mcp', {
      method: 'POST',
      headers: { host: 'evil.example.com:80', 'content-type': 'application/json' },
      body: JSON.stringify(listTools),
    });
    expect(post.statusCode).toBe(403);
  });

  it('checks the Host of probes and metrics too: a rebound page could read them otherwise', async () => {
    for (const path of ['/health', '/ready', '/metrics']) {
      const foreign = await request(path, {
        headers: { host: 'evil.example.com:3333' },
      });
      expect(foreign.statusCode, path).toBe(403);
      // A probe from this machine names the loopback, and is answered.
      const local = await request(path, {
        headers: { host: `127.0.0.1:${new URL(running.baseUrl).port}` },
      });
      expect([200, 503], path).toContain(local.statusCode);
    }
  });

  it('refuses an Origin that is not allowed with 403 and no CORS headers', async () => {
    const post = await request('/mcp', {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(listTools),
    });
    const preflight = await request('/mcp', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, mcp-session-id',
      },
    });
    for (const response of [post, preflight]) {
      expect(response.statusCode).toBe(403);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-expose-headers']).toBeUndefined();
    }
  });

  it('answers a preflight from an allowed origin with the MCP headers allowed', async () => {
    const preflight = await request('/mcp', {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, mcp-session-id, mcp-protocol-version',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
    const allowedHeaders = String(preflight.headers['access-control-allow-headers']).toLowerCase();
    for (const header of [
      'content-type',
      'mcp-session-id',
      'mcp-protocol-version',
      'last-event-id',
    ]) {
      expect(allowedHeaders).toContain(header);
    }
  });

  it('lets a browser on an allowed origin open a session and read Mcp-Session-Id', async () => {
    const response = await request('/mcp', {
      method: 'POST',
      headers: {
        origin: ALLOWED_ORIGIN,
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'browser', version: '1.0.0' },
        },
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['mcp-session-id']).toBeTruthy();
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(response.headers['access-control-expose-headers']).toLowerCase()).toContain(
      'mcp-session-id',
    );
  });

  it('accepts the same origin as the server itself without listing it', async () => {
    const response = await request('/mcp', {
      method: 'POST',
      headers: { origin: running.baseUrl, 'content-type': 'application/json' },
      body: JSON.stringify(listTools),
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('the event streams of a session', () => {
  it('opens one GET stream per session and refuses a second with 409', async () => {
    const sessionId = await openSessionByHand(app());
    const abort = new AbortController();
    const headers = {
      accept: 'text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-11-25',
    };
    try {
      const first = await fetch(mcpUrl(), { headers, signal: abort.signal });
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toContain('text/event-stream');
      const second = await request('/mcp', { headers });
      expect(second.statusCode).toBe(409);
    } finally {
      abort.abort();
    }
  });

  /*
   * The Infisical server sends nothing on its own (no logging or list-changed notifications),
   * so the standalone GET stream never carries an event to resume from. Resumability is
   * tested where events do flow: the SSE answer to a POST. Under 2025-11-25 it starts with a
   * priming event (an id, no data); a client that loses the stream reconnects with GET and
   * Last-Event-ID and receives the answer it missed.
   */
  it('replays a tool result missed while disconnected, on GET with Last-Event-ID', async () => {
    const { admin, projectId } = running;
    const sessionId = await openSessionByHand(app());
    const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
    const callsBefore = await completedGetSecretCalls();
    await admin.setFaults({ latencyMs: 800 });
    try {
      const abort = new AbortController();
      const call = await fetch(mcpUrl(), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 'resume-me',
          method: 'tools/call',
          params: {
            name: 'get-secret',
            arguments: { projectId, environmentSlug: 'dev', secretName: 'DATABASE_URL' },
            // Asking for progress asks for a stream, resumable from its first event.
            _meta: { progressToken: 'resume-me' },
          },
        }),
        signal: abort.signal,
      });
      expect(call.status).toBe(200);
      const priming = (await readSseEvents(call.body as ReadableStream<Uint8Array>).next()).value;
      expect(priming?.id).toBeTruthy();
      expect(priming?.data).toBe('');
      // The connection drops before the answer is ready.
      abort.abort();

      // Wait until the server has answered into the void, so this is a true replay.
      const deadline = Date.now() + 5000;
      while ((await completedGetSecretCalls()) === callsBefore) {
        if (Date.now() > deadline) throw new Error('the tool call never completed');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const resumed = await fetch(mcpUrl(), {
        headers: { ...headers, accept: 'text/event-stream', 'last-event-id': priming?.id ?? '' },
      });
      expect(resumed.status).toBe(200);
      const { event, message } = await responseFromSse(
        readSseEvents(resumed.body as ReadableStream<Uint8Array>),
        'resume-me',
      );
      expect(event?.id).not.toBe(priming?.id);
      expect(message.result).toMatchObject({
        structuredContent: {
          secret: {
            secretKey: 'DATABASE_URL',
            secretValue: 'postgres://demo:demo@localhost:5432/demo',
          },
        },
      });
    } finally {
      await admin.clearFaults();
    }
  });

  it('refuses a Last-Event-ID the session never issued with 400', async () => {
    const sessionId = await openSessionByHand(app());
    const response = await request('/mcp', {
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-11-25',
        'last-event-id': 'no-such-stream_00000001',
      },
    });
    expect(response.statusCode).toBe(400);
  });
});

async function completedGetSecretCalls(): Promise<number> {
  const metrics = await request('/metrics');
  return (
    metricValue(metrics.body, 'mcp_tool_calls_total', { tool: 'get-secret', outcome: 'ok' }) ?? 0
  );
}

describe('idle sessions', () => {
  let shortLived: InfisicalInProcess;

  beforeAll(async () => {
    shortLived = await startInfisicalInProcess({ sessionIdleTimeoutMs: 1000 });
  });

  afterAll(async () => {
    await shortLived?.close();
  });

  it('closes a session idle longer than sessionIdleTimeoutMs; its id then answers 404', async () => {
    const { app } = shortLived.http;
    const sessionId = await openSessionByHand(app);
    // Still there right after use...
    expect((await postToSession(app, sessionId, '2025-11-25', listTools)).statusCode).toBe(200);
    // ...and gone once it sat idle past the TTL: the sweep runs every second, so by 2.5 s at
    // the latest. The short grace after that only absorbs timer lag on a loaded machine; it
    // polls /health, which does not touch the session (a request to it would keep it alive).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await expect
      .poll(
        async () => parseJson<{ sessions: number }>(await app.inject({ url: '/health' })).sessions,
        { timeout: 1500, interval: 100 },
      )
      .toBe(0);
    const after = await postToSession(app, sessionId, '2025-11-25', listTools);
    expect(after.statusCode).toBe(404);
  });
});
