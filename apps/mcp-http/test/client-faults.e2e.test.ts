import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  initializeRequest,
  metricValue,
  openSessionByHand,
  rawRequest,
  STREAMABLE_ACCEPT,
} from './support/raw-http.js';
import { expectPingAnswered, openRawSocket, type RawSocket } from './support/raw-websocket.js';
import {
  type ServerAgainstSandbox,
  sandboxEnvironment,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { spawnHttpServer } from './support/spawn-http-server.js';

// Clients misbehave against the BUILT server: they cancel, vanish mid-call or mid-stream, stop
// reading, go half-open, or open thousands of sessions and sit on them. The server must abort
// the Infisical work nobody waits for, keep its memory bounded, and keep serving everyone else.

const GET_SECRET = 'GET /api/v4/secrets/:secretName';
/** Small, so a test needs little output to show the bound. */
const MAX_BUFFERED_BYTES = 256 * 1024;

let running: ServerAgainstSandbox;

beforeAll(async () => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
  running = await startServerAgainstSandbox([
    '--max-buffered-bytes',
    String(MAX_BUFFERED_BYTES),
    '--max-sessions',
    '0',
    '--max-sessions-per-client',
    '0',
    '--rate-limit-requests',
    '0',
    '--rate-limit-calls',
    '0',
  ]);
});

afterAll(async () => {
  await running?.close();
});

beforeEach(async () => {
  await running.admin.clearFaults();
  await running.admin.resetStats();
});

const baseUrl = () => running.server.baseUrl;
const getApiKeyArgs = () => ({
  projectId: running.projectId,
  environmentSlug: 'dev',
  secretName: 'API_KEY',
});

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const exposition = (await rawRequest(`${baseUrl()}/metrics`)).body;
  return metricValue(exposition, name, labels) ?? 0;
}

async function abortedAtSandbox(route = GET_SECRET): Promise<number> {
  return (await running.admin.stats()).aborted[route] ?? 0;
}

/** Resident memory of the server process in MiB (Linux), or undefined elsewhere. */
function serverRssMiB(pid = running.server.child.pid): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
  } catch {
    return undefined;
  }
}

/** The server still serves a normal client: proof that what came before left it healthy. */
async function expectStillServing(): Promise<void> {
  const client = new Client({ name: 'after', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl()}/mcp`)));
  const result = await client.callTool({ name: 'get-secret', arguments: getApiKeyArgs() });
  expect(result.isError).toBeFalsy();
  await client.close();
}

async function initializeRaw(raw: RawSocket): Promise<void> {
  raw.socket.send(JSON.stringify(initializeRequest('raw', '2025-06-18')));
  expect(await raw.nextMessage()).toMatchObject({ id: 0, result: {} });
  raw.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
}

function toolCallFrame(id: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'get-secret', arguments: getApiKeyArgs() },
  });
}

describe('cancellation', () => {
  for (const transport of ['streamable-http', 'websocket'] as const) {
    it(`aborts the Infisical request on notifications/cancelled (${transport})`, async () => {
      const client = new Client({ name: 'canceller', version: '1.0.0' });
      await client.connect(
        transport === 'websocket'
          ? new WebSocketClientTransport(new URL(running.server.websocketUrl as string))
          : new StreamableHTTPClientTransport(new URL(`${baseUrl()}/mcp`)),
      );
      // Logged in first, so the slow request is the secret read itself.
      await client.callTool({ name: 'get-secret', arguments: getApiKeyArgs() });
      await running.admin.setFaults({ latencyMs: 4_000 });
      const controller = new AbortController();
      const call = client.callTool({ name: 'get-secret', arguments: getApiKeyArgs() }, undefined, {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort('the user changed their mind'), 300);
      await expect(call).rejects.toThrow();
      // Well before the sandbox would have answered: the request was cut, not completed.
      await expect.poll(abortedAtSandbox, { timeout: 2_500, interval: 100 }).toBe(1);
      await running.admin.clearFaults();
      await client.close();
    });
  }
});

describe('disconnects', () => {
  it('aborts the Infisical request when a WebSocket client vanishes mid-call', async () => {
    const raw = await openRawSocket(running.server.websocketUrl as string);
    await initializeRaw(raw);
    raw.socket.send(toolCallFrame(1));
    expect(await raw.nextMessage()).toMatchObject({ id: 1, result: {} });
    await running.admin.setFaults({ latencyMs: 4_000 });
    raw.socket.send(toolCallFrame(2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    raw.socket.terminate();
    await expect.poll(abortedAtSandbox, { timeout: 2_500, interval: 100 }).toBe(1);
    await running.admin.clearFaults();
    await expectStillServing();
  });

  it('keeps serving a Streamable HTTP session whose POST was cut mid-call', async () => {
    const sessionId = await openSessionByHand(baseUrl(), '2025-06-18');
    await running.admin.setFaults({ latencyMs: 1_000 });
    const controller = new AbortController();
    const cut = fetch(`${baseUrl()}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: toolCallFrame(7),
      signal: controller.signal,
    }).then((response) => response.text());
    setTimeout(() => controller.abort(), 200);
    await expect(cut).rejects.toThrow();
    await running.admin.clearFaults();
    // The same session answers its next request.
    const ping = await fetch(`${baseUrl()}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'ping' }),
    });
    expect(ping.status).toBe(200);
    expect(await ping.text()).toContain('"id":8');
    await expectStillServing();
  });

  it('aborts the Infisical request when a plain JSON-RPC client hangs up mid-call', async () => {
    await running.admin.setFaults({ latencyMs: 4_000 });
    const controller = new AbortController();
    const cut = fetch(`${baseUrl()}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: toolCallFrame(9),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(cut).rejects.toThrow();
    await expect.poll(abortedAtSandbox, { timeout: 2_500, interval: 100 }).toBe(1);
    await running.admin.clearFaults();
    await expectStillServing();
  });

  it('closes a legacy SSE session whose stream the client dropped', async () => {
    const before = await metric('mcp_active_sessions', { transport: 'legacy-sse' });
    const controller = new AbortController();
    const response = await fetch(`${baseUrl()}/sse`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('endpoint');
    expect(await metric('mcp_active_sessions', { transport: 'legacy-sse' })).toBe(before + 1);
    controller.abort();
    await expect
      .poll(() => metric('mcp_active_sessions', { transport: 'legacy-sse' }), { timeout: 2_000 })
      .toBe(before);
  });
});

describe('slow readers', () => {
  it('closes a WebSocket client that stops reading, with bounded memory', async () => {
    const raw = await openRawSocket(running.server.websocketUrl as string);
    raw.socket.on('error', () => {});
    await initializeRaw(raw);
    const rssBefore = serverRssMiB();
    const droppedBefore = await metric('mcp_slow_readers_dropped_total');
    // Stop reading, then keep asking: every answer (the tool list, ~10 KB) piles up unsent.
    (raw.socket as unknown as { _socket: Socket })._socket.pause();
    let sent = 0;
    const stopAt = Date.now() + 10_000;
    while (Date.now() < stopAt && raw.socket.readyState === WebSocket.OPEN) {
      for (let i = 0; i < 100; i++) {
        raw.socket.send(JSON.stringify({ jsonrpc: '2.0', id: 100 + sent++, method: 'tools/list' }));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      if ((await metric('mcp_slow_readers_dropped_total')) > droppedBefore) break;
    }
    expect(await metric('mcp_slow_readers_dropped_total')).toBe(droppedBefore + 1);
    const rssAfter = serverRssMiB();
    if (rssBefore !== undefined && rssAfter !== undefined) {
      expect(rssAfter - rssBefore).toBeLessThan(100);
    }
    raw.socket.terminate();
    await expectStillServing();
  });

  it('closes a legacy SSE client that stops reading its stream', async () => {
    const droppedBefore = await metric('mcp_slow_readers_dropped_total');
    const { endpoint, response } = await openPausedSseStream();
    const post = (id: number) =>
      rawRequest(new URL(endpoint, baseUrl()).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' }),
      });
    await post(0);
    let id = 1;
    const stopAt = Date.now() + 10_000;
    while (Date.now() < stopAt) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => post(id++)));
      if (answers.some((answer) => answer.status !== 202)) break;
      if ((await metric('mcp_slow_readers_dropped_total')) > droppedBefore) break;
    }
    expect(await metric('mcp_slow_readers_dropped_total')).toBe(droppedBefore + 1);
    response.destroy();
    await expectStillServing();
  });
});

describe('half-open WebSockets', () => {
  it('drops a peer that stops answering pings, after about two intervals', async () => {
    const pinging = await spawnHttpServer(sandboxEnvironment(running.sandbox), [
      '--ws-ping-interval-ms',
      '200',
    ]);
    try {
      const sessions = () =>
        rawRequest(`${pinging.baseUrl}/metrics`).then(
          (r) => metricValue(r.body, 'mcp_active_sessions', { transport: 'websocket' }) ?? 0,
        );
      const healthy = await openRawSocket(pinging.websocketUrl as string);
      // A peer whose network vanished: it never answers a ping again.
      const silent = new WebSocket(pinging.websocketUrl as string, 'mcp', { autoPong: false });
      silent.on('error', () => {});
      await new Promise((resolve) => silent.once('open', resolve));
      await expect.poll(sessions, { timeout: 2_000 }).toBe(2);
      await expect.poll(sessions, { timeout: 3_000, interval: 100 }).toBe(1);
      // The live peer answered every ping and is still served.
      await initializeRaw(healthy);
      await expectPingAnswered(healthy, 1);
      healthy.socket.close();
    } finally {
      await pinging.stop();
    }
  });
});

describe('thousands of idle sessions', () => {
  it('holds 2,000 idle Streamable HTTP sessions in bounded memory and keeps serving', async () => {
    const before = await metric('mcp_active_sessions', { transport: 'streamable-http' });
    const rssBefore = serverRssMiB();
    const SESSIONS = 2_000;
    const INITIALIZE = JSON.stringify(initializeRequest('idle', '2025-06-18'));
    let opened = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (opened < SESSIONS) {
          opened++;
          // fetch keeps its connections alive: the server's cost per session is what is measured.
          const response = await fetch(`${baseUrl()}/mcp`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
            body: INITIALIZE,
          });
          await response.text();
          expect(response.headers.get('mcp-session-id')).toBeTruthy();
        }
      }),
    );
    expect(await metric('mcp_active_sessions', { transport: 'streamable-http' })).toBe(
      before + SESSIONS,
    );
    const rssAfter = serverRssMiB();
    // About 35 KB each (see the README's idle-session memory): 2,000 stay far below this.
    if (rssBefore !== undefined && rssAfter !== undefined) {
      expect(rssAfter - rssBefore).toBeLessThan(250);
    }
    expect((await rawRequest(`${baseUrl()}/health`)).status).toBe(200);
    await expectStillServing();
  }, 60_000);
});

/** Opens GET /sse, reads the endpoint event, then stops reading the response for good. */
function openPausedSseStream(): Promise<{
  endpoint: string;
  response: import('node:http').IncomingMessage;
}> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${baseUrl()}/sse`, { agent: false }, (response) => {
      let buffered = '';
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const match = /event: endpoint\ndata: (\S+)/.exec(buffered);
        if (!match) return;
        response.off('data', onData);
        response.pause();
        response.on('error', () => {});
        resolve({ endpoint: match[1] as string, response });
      };
      response.on('data', onData);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
