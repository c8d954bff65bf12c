import type { Socket } from 'node:net';
import { openPausedSseStream } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import {
  initializeRequest,
  metricValue,
  openSessionByHand,
  postInitialize,
  postToSession,
} from './support/injected-mcp-requests.js';
import {
  expectPingAnswered,
  type FramedSocket,
  openListeningSocket,
} from './support/websocket-frames.js';

// Clients misbehave: they cancel, vanish mid-call or mid-stream, stop reading, go half-open,
// or open thousands of sessions and sit on them. The server must abort the Infisical work
// nobody waits for, keep its memory bounded, and keep serving everyone else. Where the fault
// is the client's connection, the client talks to a listening port; the rest is injected.

const GET_SECRET = 'GET /api/v4/secrets/:secretName';
/** Small, so a test needs little output to show the bound. */
const MAX_BUFFERED_BYTES = 256 * 1024;

let running: InfisicalInProcess;

beforeAll(async () => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
  running = await startInfisicalInProcess({
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    limits: { maxSessions: 0, maxSessionsPerClient: 0, requestsPerWindow: 0, callsPerWindow: 0 },
  });
});

afterAll(async () => {
  await running?.close();
});

beforeEach(async () => {
  await running.admin.clearFaults();
  await running.admin.resetStats();
});

const getApiKeyArgs = () => ({
  projectId: running.projectId,
  environmentSlug: 'dev',
  secretName: 'API_KEY',
});

async function metric(
  name: string,
  labels: Record<string, string> = {},
  on: InfisicalInProcess = running,
): Promise<number> {
  const exposition = (await on.http.app.inject({ url: '/metrics' })).body;
  return metricValue(exposition, name, labels) ?? 0;
}

async function abortedAtSandbox(route = GET_SECRET): Promise<number> {
  return (await running.admin.stats()).aborted[route] ?? 0;
}

/**
 * Resident memory in MiB. The server runs in this process: what the test's own clients hold
 * counts too, which only makes the bounds below stricter.
 */
const residentMiB = () => process.memoryUsage().rss / (1024 * 1024);

/** The server still serves a normal client: proof that what came before left it healthy. */
async function expectStillServing(): Promise<void> {
  const client = new Client({ name: 'after', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${running.baseUrl}/mcp`)));
  const result = await client.callTool({ name: 'get-secret', arguments: getApiKeyArgs() });
  expect(result.isError).toBeFalsy();
  await client.close();
}

async function initializeRaw(raw: FramedSocket): Promise<void> {
  raw.socket.send(JSON.stringify(initializeRequest('raw', '2025-06-18')));
  expect(await raw.nextMessage()).toMatchObject({ id: 0, result: {} });
  raw.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
}

function toolCall(id: number) {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'get-secret', arguments: getApiKeyArgs() },
  };
}

describe('cancellation', () => {
  for (const transport of ['streamable-http', 'websocket'] as const) {
    it(`aborts the Infisical request on notifications/cancelled (${transport})`, async () => {
      const client = new Client({ name: 'canceller', version: '1.0.0' });
      await client.connect(
        transport === 'websocket'
          ? new WebSocketClientTransport(new URL(running.websocketUrl))
          : new StreamableHTTPClientTransport(new URL(`${running.baseUrl}/mcp`)),
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
    const raw = await openListeningSocket(running.websocketUrl);
    await initializeRaw(raw);
    raw.socket.send(JSON.stringify(toolCall(1)));
    expect(await raw.nextMessage()).toMatchObject({ id: 1, result: {} });
    await running.admin.setFaults({ latencyMs: 4_000 });
    raw.socket.send(JSON.stringify(toolCall(2)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    raw.socket.terminate();
    await expect.poll(abortedAtSandbox, { timeout: 2_500, interval: 100 }).toBe(1);
    await running.admin.clearFaults();
    await expectStillServing();
  });

  it('keeps serving a Streamable HTTP session whose POST was cut mid-call', async () => {
    const sessionId = await openSessionByHand(running.http.app, '2025-06-18');
    await running.admin.setFaults({ latencyMs: 1_000 });
    const controller = new AbortController();
    const cut = fetch(`${running.baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify(toolCall(7)),
      signal: controller.signal,
    }).then((response) => response.text());
    setTimeout(() => controller.abort(), 200);
    await expect(cut).rejects.toThrow();
    await running.admin.clearFaults();
    // The same session answers its next request.
    const ping = await postToSession(running.http.app, sessionId, '2025-06-18', {
      jsonrpc: '2.0',
      id: 8,
      method: 'ping',
    });
    expect(ping.statusCode).toBe(200);
    expect(ping.body).toContain('"id":8');
    await expectStillServing();
  });

  it('aborts the Infisical request when a plain JSON-RPC client hangs up mid-call', async () => {
    await running.admin.setFaults({ latencyMs: 4_000 });
    const controller = new AbortController();
    const cut = fetch(`${running.baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(toolCall(9)),
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
    const response = await fetch(`${running.baseUrl}/sse`, { signal: controller.signal });
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
    const raw = await openListeningSocket(running.websocketUrl);
    raw.socket.on('error', () => {});
    await initializeRaw(raw);
    const rssBefore = residentMiB();
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
    expect(residentMiB() - rssBefore).toBeLessThan(100);
    raw.socket.terminate();
    await expectStillServing();
  });

  it('closes a legacy SSE client that stops reading its stream', async () => {
    const droppedBefore = await metric('mcp_slow_readers_dropped_total');
    const { endpoint, response } = await openPausedSseStream(running.baseUrl);
    const post = (id: number) =>
      running.http.app.inject({
        method: 'POST',
        url: endpoint,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' }),
      });
    await post(0);
    let id = 1;
    const stopAt = Date.now() + 10_000;
    while (Date.now() < stopAt) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => post(id++)));
      if (answers.some((answer) => answer.statusCode !== 202)) break;
      if ((await metric('mcp_slow_readers_dropped_total')) > droppedBefore) break;
    }
    expect(await metric('mcp_slow_readers_dropped_total')).toBe(droppedBefore + 1);
    response.destroy();
    await expectStillServing();
  });
});

describe('half-open WebSockets', () => {
  it('drops a peer that stops answering pings, after about two intervals', async () => {
    const pinging = await startInfisicalInProcess({ websocketPingIntervalMs: 200 });
    try {
      const sessions = () => metric('mcp_active_sessions', { transport: 'websocket' }, pinging);
      const healthy = await openListeningSocket(pinging.websocketUrl);
      // A peer whose network vanished: it never answers a ping again.
      const silent = await openListeningSocket(pinging.websocketUrl, { autoPong: false });
      silent.socket.on('error', () => {});
      await expect.poll(sessions, { timeout: 2_000 }).toBe(2);
      await expect.poll(sessions, { timeout: 3_000, interval: 100 }).toBe(1);
      // The live peer answered every ping and is still served.
      await initializeRaw(healthy);
      await expectPingAnswered(healthy, 1);
      healthy.socket.close();
    } finally {
      await pinging.close();
    }
  });
});

describe('thousands of idle sessions', () => {
  it('holds 2,000 idle Streamable HTTP sessions in bounded memory and keeps serving', async () => {
    const before = await metric('mcp_active_sessions', { transport: 'streamable-http' });
    const rssBefore = residentMiB();
    const SESSIONS = 2_000;
    let opened = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (opened < SESSIONS) {
          opened++;
          // Injected: no connection to keep, so the server's cost per session is what is measured.
          const response = await postInitialize(running.http.app, '2025-06-18', 'idle');
          expect(response.headers['mcp-session-id']).toBeTruthy();
        }
      }),
    );
    expect(await metric('mcp_active_sessions', { transport: 'streamable-http' })).toBe(
      before + SESSIONS,
    );
    // About 35 KB each (see the README's idle-session memory): 2,000 stay far below this.
    expect(residentMiB() - rssBefore).toBeLessThan(250);
    expect((await running.http.app.inject({ url: '/health' })).statusCode).toBe(200);
    await expectStillServing();
  });
});
