import { setTimeout as sleep } from 'node:timers/promises';
import { initializeRequest } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LimitOptions } from '../src/limits/limit-options.js';
import type { RedisSettings } from '../src/redis/redis-url.js';
import { apiKeyAuth, bearer } from './support/api-keys.js';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { metricValue, parseJson, STREAMABLE_ACCEPT } from './support/injected-mcp-requests.js';
import { injectedHandshake, openInjectedSocket } from './support/injected-websocket.js';

// Two API keys: every limit is per client, so one tripping must leave the other alone.
const KEYS = { alpha: 'alpha-key-0123456789', beta: 'beta-key-0123456789' };
/** Every limit off; each block turns on the ones it tests. */
const NO_LIMITS: LimitOptions = {
  requestsPerWindow: 0,
  callsPerWindow: 0,
  maxSessionsPerClient: 0,
  maxSessions: 0,
  toolCallTimeoutMs: 0,
};

function startWithLimits(limits: LimitOptions, redis?: RedisSettings) {
  return startInfisicalInProcess({
    auth: apiKeyAuth(KEYS),
    limits: { ...NO_LIMITS, ...limits },
    redis,
  });
}

type Running = InfisicalInProcess;
const INITIALIZE = initializeRequest('limits-test', '2025-06-18');

/** A raw initialize POST: the answer's status and headers, with no client to keep it open. */
function initializeRaw(running: Running, key: string) {
  return running.http.app.inject({
    method: 'POST',
    url: '/mcp',
    headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT, ...bearer(key) },
    payload: JSON.stringify(INITIALIZE),
  });
}

/** A POST of one JSON-RPC message without a session (plain JSON-RPC). */
function postPlain(running: Running, key: string, message: unknown) {
  return running.http.app.inject({
    method: 'POST',
    url: '/mcp',
    headers: { 'content-type': 'application/json', ...bearer(key) },
    payload: JSON.stringify(message),
  });
}

async function connectStreamable(baseUrl: string, key: string) {
  const client = new Client({ name: 'limits-test', version: '1.0.0' });
  // A session whose client holds its GET stream open is in use: the caps never close it. The
  // SDK client opens that stream after connect() resolves, so the test waits for it.
  let streamOpened: () => void = () => {};
  const streamOpen = new Promise<void>((resolve) => {
    streamOpened = resolve;
  });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: bearer(key) },
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      if ((init?.method ?? 'GET') === 'GET' && response.ok) streamOpened();
      return response;
    },
  });
  await client.connect(transport);
  await streamOpen;
  return {
    client,
    /** Ends the session on the server (DELETE), then the client. */
    async end() {
      await transport.terminateSession();
      await client.close();
    },
  };
}

async function connectSse(baseUrl: string, key: string) {
  const client = new Client({ name: 'limits-test', version: '1.0.0' });
  await client.connect(
    new SSEClientTransport(new URL(`${baseUrl}/sse`), { requestInit: { headers: bearer(key) } }),
  );
  return client;
}

/** How a WebSocket upgrade at /ws ends: "open" or the HTTP status that refused it. */
async function upgradeOutcome(running: Running, key: string): Promise<string> {
  const outcome = await injectedHandshake(running.http.app, '/ws', bearer(key));
  return outcome === 'opened' ? 'open' : `HTTP ${outcome}`;
}

type Message = Record<string, unknown> & {
  id?: unknown;
  error?: { code: number; message: string; data?: Record<string, unknown> };
};

/** A raw MCP WebSocket session that keeps every frame received, to check what arrives late. */
async function openWebSocketSession(running: Running, key: string) {
  const raw = await openInjectedSocket(running.http.app, '/ws', bearer(key));
  const received: Message[] = [];
  const listeners = new Set<() => void>();
  raw.socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as Message);
    for (const listener of listeners) listener();
  });
  const responseTo = (id: unknown) =>
    new Promise<Message>((resolve) => {
      const check = () => {
        const message = received.find((candidate) => candidate.id === id);
        if (!message) return;
        listeners.delete(check);
        resolve(message);
      };
      listeners.add(check);
      check();
    });
  const request = (id: string | number, method: string, params: unknown = {}) => {
    raw.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return responseTo(id);
  };
  await request(0, 'initialize', INITIALIZE.params);
  raw.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  return { received, request, close: () => raw.close() };
}

async function refusals(running: Running, reason: string): Promise<number> {
  // Metrics need a key; probes (metrics among them) are never rate limited.
  const metrics = await running.http.app.inject({ url: '/metrics', headers: bearer(KEYS.beta) });
  return metricValue(metrics.body, 'mcp_limit_refusals_total', { reason }) ?? 0;
}

async function evictions(running: Running, reason: string): Promise<number> {
  const metrics = await running.http.app.inject({ url: '/metrics', headers: bearer(KEYS.beta) });
  return metricValue(metrics.body, 'mcp_sessions_evicted_total', { reason }) ?? 0;
}

describe('per-client request rate (requestsPerWindow)', () => {
  let running: Running;

  beforeAll(async () => {
    running = await startWithLimits({ rateWindowMs: 2000, requestsPerWindow: 5 });
  });
  afterAll(async () => {
    await running?.close();
  });

  const toolsList = (key: string) =>
    postPlain(running, key, { jsonrpc: '2.0', id: 1, method: 'tools/list' });

  it('answers 429 with Retry-After past the limit, for that client only, and recovers after the window', async () => {
    for (let i = 0; i < 5; i++) expect((await toolsList(KEYS.alpha)).statusCode).toBe(200);
    const refused = await toolsList(KEYS.alpha);
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(refused.headers['x-ratelimit-limit']).toBe('5');
    expect(parseJson(refused)).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32000, data: { retryAfterSeconds: retryAfter } },
    });
    // A WebSocket upgrade is a request too.
    expect(await upgradeOutcome(running, KEYS.alpha)).toBe('HTTP 429');
    // Another client and the probes are not affected.
    expect((await toolsList(KEYS.beta)).statusCode).toBe(200);
    for (let i = 0; i < 6; i++) {
      expect((await running.http.app.inject({ url: '/health' })).statusCode).toBe(200);
    }
    expect(await refusals(running, 'request_rate')).toBeGreaterThanOrEqual(2);

    await sleep(retryAfter * 1000 + 100);
    expect((await toolsList(KEYS.alpha)).statusCode).toBe(200);
  });
});

describe('per-client call rate (callsPerWindow), over every transport', () => {
  let running: Running;
  let baseUrl: string;

  beforeAll(async () => {
    running = await startWithLimits({ rateWindowMs: 2000, callsPerWindow: 3 });
    baseUrl = running.baseUrl;
  });
  afterAll(async () => {
    await running?.close();
  });

  it('refuses the calls over the limit with JSON-RPC error -32000 and retryAfterSeconds, then recovers', async () => {
    // Connect first: set-up and catalogue listings do not count, and the window starts at
    // the first call.
    const ws = await openWebSocketSession(running, KEYS.alpha);
    const streamable = await connectStreamable(baseUrl, KEYS.alpha);
    const sse = await connectSse(baseUrl, KEYS.alpha);
    const other = await connectStreamable(baseUrl, KEYS.beta);
    const listProjects = { name: 'list-projects', arguments: {} };

    for (let id = 1; id <= 3; id++) {
      const answer = await ws.request(id, 'tools/call', listProjects);
      expect(answer.error, `call ${id}`).toBeUndefined();
    }
    const refused = await ws.request(4, 'tools/call', listProjects);
    expect(refused.error).toMatchObject({
      code: -32000,
      message: expect.stringContaining('Rate limit exceeded'),
      data: { retryAfterSeconds: expect.any(Number) },
    });
    const retryAfter = refused.error?.data?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    // The same client's budget is spent on every transport...
    await expect(streamable.client.callTool(listProjects)).rejects.toMatchObject({
      code: -32000,
      data: { retryAfterSeconds: expect.any(Number) },
    });
    await expect(sse.callTool(listProjects)).rejects.toMatchObject({ code: -32000 });
    const plain = await postPlain(running, KEYS.alpha, {
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: listProjects,
    });
    expect(parseJson(plain)).toMatchObject({
      id: 5,
      error: { code: -32000, data: { retryAfterSeconds: expect.any(Number) } },
    });
    // ...a catalogue listing is not a call, and another client has its own budget.
    expect((await ws.request(6, 'tools/list')).error).toBeUndefined();
    expect((await other.client.callTool(listProjects)).isError).toBeFalsy();
    expect(await refusals(running, 'call_rate')).toBe(4);

    await sleep(retryAfter * 1000 + 100);
    expect((await ws.request(7, 'tools/call', listProjects)).error).toBeUndefined();
    expect((await streamable.client.callTool(listProjects)).isError).toBeFalsy();

    ws.close();
    await Promise.all([streamable.end(), sse.close(), other.end()]);
  });
});

describe('session caps (maxSessionsPerClient, maxSessions) and the tool-call timeout', () => {
  let running: Running;
  let baseUrl: string;

  beforeAll(async () => {
    running = await startWithLimits({
      maxSessionsPerClient: 2,
      maxSessions: 3,
      toolCallTimeoutMs: 1000,
    });
    baseUrl = running.baseUrl;
  });
  afterAll(async () => {
    await running?.close();
  });

  const initialize = (key: string) => initializeRaw(running, key);

  it('refuses a new session over the per-client cap with 429 and over the total with 503, both with Retry-After', async () => {
    const first = await connectStreamable(baseUrl, KEYS.alpha);
    const second = await connectStreamable(baseUrl, KEYS.alpha);

    const overClientCap = await initialize(KEYS.alpha);
    expect(overClientCap.statusCode).toBe(429);
    expect(Number(overClientCap.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(parseJson(overClientCap)).toMatchObject({
      error: {
        code: -32000,
        message: expect.stringContaining('Too many sessions'),
        data: { retryAfterSeconds: Number(overClientCap.headers['retry-after']) },
      },
    });
    // Every transport's sessions count: a WebSocket upgrade and an SSE stream are refused alike.
    expect(await upgradeOutcome(running, KEYS.alpha)).toBe('HTTP 429');
    const sse = await running.http.app.inject({
      url: '/sse',
      headers: { accept: 'text/event-stream', ...bearer(KEYS.alpha) },
    });
    expect(sse.statusCode).toBe(429);
    // Sessions already open keep working.
    expect((await first.client.listTools()).tools.length).toBeGreaterThan(0);

    // Another client may open one more, then the server is full.
    const third = await connectStreamable(baseUrl, KEYS.beta);
    const overTotal = await initialize(KEYS.beta);
    expect(overTotal.statusCode).toBe(503);
    expect(Number(overTotal.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(parseJson(overTotal)).toMatchObject({ error: { code: -32000 } });
    expect(await upgradeOutcome(running, KEYS.beta)).toBe('HTTP 503');
    // Stateless plain JSON-RPC opens no session and still works.
    const plain = await postPlain(running, KEYS.beta, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
    });
    expect(plain.statusCode).toBe(200);

    // Ending a session frees its place.
    await first.end();
    const again = await connectStreamable(baseUrl, KEYS.alpha);
    expect(await refusals(running, 'sessions_per_client')).toBe(3);
    expect(await refusals(running, 'sessions_total')).toBe(2);
    await Promise.all([second.end(), third.end(), again.end()]);
  });

  it('answers a tool call that outlives toolCallTimeoutMs with an error in time, cancels it, and drops its late answer', async () => {
    const getSecret = {
      name: 'get-secret',
      arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
    };
    const ws = await openWebSocketSession(running, KEYS.alpha);
    const streamable = await connectStreamable(baseUrl, KEYS.alpha);
    // Warm up with no latency, so the slow call below is one Infisical request, not a login too.
    expect((await ws.request(1, 'tools/call', getSecret)).error).toBeUndefined();

    await running.admin.setFaults({ latencyMs: 2000 });
    const started = performance.now();
    const [overWebSocket, overHttp] = await Promise.all([
      ws.request('slow', 'tools/call', getSecret),
      streamable.client.callTool(getSecret).then(
        () => undefined,
        (error: unknown) => error,
      ),
    ]);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(1900);
    expect(overWebSocket.error).toMatchObject({
      code: -32001,
      message: expect.stringContaining('timed out'),
    });
    expect(overHttp).toMatchObject({ code: -32001 });

    // The session keeps serving while the cancelled call would still be waiting...
    expect((await ws.request(2, 'tools/list')).error).toBeUndefined();
    // ...and once the slow Infisical answer is long due, nothing more came for the call.
    await sleep(2600 - (performance.now() - started));
    expect(ws.received.filter((message) => message.id === 'slow')).toHaveLength(1);

    await running.admin.setFaults({ latencyMs: 0 });
    expect((await ws.request(3, 'tools/call', getSecret)).error).toBeUndefined();
    expect((await streamable.client.callTool(getSecret)).isError).toBeFalsy();
    expect(await refusals(running, 'tool_call_timeout')).toBe(2);
    const log = running.log.output();
    expect(log).toContain('a tool call timed out and was cancelled');
    // The handler's AbortSignal reached the Infisical request it was waiting on.
    const aborted = log
      .split('\n')
      .filter((line) => line.includes('"kind":"aborted"') && line.includes('"tool":"get-secret"'));
    expect(aborted).toHaveLength(2);

    ws.close();
    await streamable.end();
  });
});

describe('session caps under a burst of openings', () => {
  let running: Running;

  beforeAll(async () => {
    // With Redis, saving a new session takes a round trip: openings overlap for real.
    running = await startWithLimits(
      { maxSessionsPerClient: 2, maxSessions: 3 },
      {
        url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        keyPrefix: `limits-burst-${process.pid}:`,
        eventsKey: Buffer.from('ef'.repeat(32), 'hex'),
      },
    );
  });
  afterAll(async () => {
    await running?.close();
  });

  const initialize = (key: string) => initializeRaw(running, key);

  it('holds the caps against a burst of openings, making room by closing idle sessions, never locking a client out', async () => {
    const burst = await Promise.all(Array.from({ length: 6 }, () => initialize(KEYS.alpha)));
    for (const answer of burst) expect([200, 429]).toContain(answer.statusCode);
    const alive = async (answer: LightMyRequestResponse, key: string) =>
      (
        await running.http.app.inject({
          method: 'POST',
          url: '/mcp',
          headers: {
            'content-type': 'application/json',
            accept: STREAMABLE_ACCEPT,
            'mcp-session-id': String(answer.headers['mcp-session-id']),
            'mcp-protocol-version': '2025-11-25',
            ...bearer(key),
          },
          payload: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
        })
      ).statusCode === 200;
    const opened = burst.filter((answer) => answer.statusCode === 200);
    const stillOpen = [];
    for (const answer of opened) if (await alive(answer, KEYS.alpha)) stillOpen.push(answer);
    // Openings in flight hold their slots (refused with 429); finished ones are idle, and the
    // least recently used of them is closed to make room. Either way the client keeps two.
    expect(stillOpen).toHaveLength(2);
    const refused = burst.length - opened.length;
    expect(refused + (await evictions(running, 'sessions_per_client'))).toBe(4);

    // The other client gets the last place; at the total cap an idle session makes room again.
    const beta = await initialize(KEYS.beta);
    expect(beta.statusCode).toBe(200);
    const betaAgain = await initialize(KEYS.beta);
    expect(betaAgain.statusCode).toBe(200);
    expect(await evictions(running, 'sessions_total')).toBe(1);
    const survivors = [];
    for (const [answer, key] of [
      ...stillOpen.map((answer) => [answer, KEYS.alpha] as const),
      [beta, KEYS.beta] as const,
      [betaAgain, KEYS.beta] as const,
    ]) {
      if (await alive(answer, key)) survivors.push({ answer, key });
    }
    expect(survivors).toHaveLength(3);
    for (const { answer, key } of survivors) {
      const ended = await running.http.app.inject({
        method: 'DELETE',
        url: '/mcp',
        headers: { 'mcp-session-id': String(answer.headers['mcp-session-id']), ...bearer(key) },
      });
      expect(ended.statusCode).toBe(200);
    }
  });
});
