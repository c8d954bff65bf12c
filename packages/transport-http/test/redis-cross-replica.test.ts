import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ElicitRequestSchema,
  ElicitResultSchema,
  ListToolsRequestSchema,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../src/create-http-server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test-${randomUUID().slice(0, 8)}:`;

/** Which replica served each tool call, by the replica's name. */
const servedBy: string[] = [];

/**
 * A server whose tools talk back to the client: `ask` sends an elicitation request and waits
 * for the answer; `announce` answers, then sends a notification that belongs to no request
 * (it travels on the client's standalone GET stream).
 */
function talkativeServer(replica: string): Server {
  const server = new Server(
    { name: 'talkative', version: '1.0.0' },
    { capabilities: { tools: {}, logging: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: ['ask', 'announce'].map((name) => ({ name, inputSchema: { type: 'object' as const } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    servedBy.push(replica);
    if (request.params.name === 'ask') {
      // Related to the call: it travels on the call's stream, the answer may come anywhere.
      const answer = await extra.sendRequest(
        {
          method: 'elicitation/create',
          params: {
            mode: 'form',
            message: 'Which colour?',
            requestedSchema: { type: 'object', properties: { colour: { type: 'string' } } },
          },
        },
        ElicitResultSchema,
      );
      return { content: [{ type: 'text', text: JSON.stringify(answer.content) }] };
    }
    setTimeout(() => {
      void server.notification({
        method: 'notifications/message',
        params: { level: 'info', data: `announced by ${replica}` },
      });
    }, 200);
    return { content: [{ type: 'text', text: 'soon' }] };
  });
  return server;
}

const replicas: { name: string; server: HttpServer; url: string }[] = [];
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  for (const name of ['A', 'B']) {
    const server = await createHttpServer({
      createMcpServer: () => talkativeServer(name),
      describe: () => ({ name: 'talkative', version: '1.0.0' }),
      port: 0,
      websocketPort: null,
      redis: { url: REDIS_URL, keyPrefix, eventsKey: Buffer.alloc(32, 7) },
    });
    const { url } = await server.listen();
    replicas.push({ name, server, url });
  }
});

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.server.close()));
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/**
 * A load balancer without stickiness, in the client: POSTs go to A, B, A, B… in turn and the
 * standalone GET stream goes to `getTo`.
 */
function roundRobinFetch(getTo: string): typeof fetch {
  let turn = 0;
  return (input, init) => {
    const method = init?.method ?? 'GET';
    const target = method === 'POST' ? (replicas[turn++ % replicas.length]?.url ?? '') : getTo;
    const url = new URL(String(input instanceof Request ? input.url : input));
    const base = new URL(target);
    url.host = base.host;
    return fetch(url, init);
  };
}

describe('two replicas sharing Redis, a client balanced between them', () => {
  it('delivers a server request and a standalone notification across replicas', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const client = new Client(
      { name: 'balanced', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } } },
    );
    const elicited: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicited.push(request.params.message);
      return { action: 'accept', content: { colour: 'teal' } };
    });
    const logged: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logged.push(notification.params.data);
    });
    const transport = new StreamableHTTPClientTransport(new URL(`${a.url}/mcp`), {
      fetch: roundRobinFetch(b.url),
    });
    // POSTs: initialize → A, notifications/initialized → B; the GET stream opens on B.
    await client.connect(transport);

    // tools/call → A; A asks the client, whose answer is POSTed to B and relayed to A.
    const asked = await client.callTool({ name: 'ask', arguments: {} });
    expect(elicited).toEqual(['Which colour?']);
    expect(asked.content).toEqual([{ type: 'text', text: JSON.stringify({ colour: 'teal' }) }]);

    // tools/call → A (the reply took B's turn); A's later notification reaches B's GET stream.
    const announced = await client.callTool({ name: 'announce', arguments: {} });
    expect(announced.content).toEqual([{ type: 'text', text: 'soon' }]);
    await expect.poll(() => logged, { timeout: 5_000 }).toEqual(['announced by A']);
    expect(servedBy).toEqual(['A', 'A']);
    await client.close();
  });

  it('resumes a cut GET stream on the other replica with Last-Event-ID and gets what it missed', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const sessionId = await openRawSession(a.url);
    const cut = new AbortController();
    const first = await fetch(`${b.url}/mcp`, {
      headers: { ...sessionHeaders(sessionId), accept: 'text/event-stream' },
      signal: cut.signal,
    });
    const firstEvents = sseEvents(first.body as ReadableStream<Uint8Array>);
    await callTool(a.url, sessionId, 1, 'announce');
    const heard = (await firstEvents.next()).value;
    expect(JSON.parse(heard?.data ?? '{}')).toMatchObject({ params: { data: 'announced by A' } });
    cut.abort();

    // While nobody listens: two more, stored in Redis.
    await callTool(a.url, sessionId, 2, 'announce');
    await callTool(b.url, sessionId, 3, 'announce');
    await new Promise((resolve) => setTimeout(resolve, 400));

    const resumed = await fetch(`${a.url}/mcp`, {
      headers: {
        ...sessionHeaders(sessionId),
        accept: 'text/event-stream',
        'last-event-id': heard?.id ?? '',
      },
    });
    expect(resumed.status).toBe(200);
    const missed = sseEvents(resumed.body as ReadableStream<Uint8Array>);
    const replayed = [(await missed.next()).value, (await missed.next()).value];
    expect(replayed.map((event) => JSON.parse(event?.data ?? '{}').params.data).sort()).toEqual([
      'announced by A',
      'announced by B',
    ]);
    await missed.return(undefined);
  });
});

function sessionHeaders(sessionId: string) {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-session-id': sessionId,
    'mcp-protocol-version': '2025-11-25',
  };
}

async function openRawSession(url: string): Promise<string> {
  const opened = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1.0.0' },
      },
    }),
  });
  const sessionId = opened.headers.get('mcp-session-id') as string;
  await opened.text();
  await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: sessionHeaders(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  return sessionId;
}

async function callTool(url: string, sessionId: string, id: number, name: string) {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: sessionHeaders(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name } }),
  });
  expect(await response.text()).toContain('soon');
}

/** The `id`/`data` events of an SSE body (keep-alive comments and priming events skipped). */
async function* sseEvents(body: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let cut = buffered.indexOf('\n\n');
    while (cut !== -1) {
      const block = buffered.slice(0, cut);
      buffered = buffered.slice(cut + 2);
      cut = buffered.indexOf('\n\n');
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (data) yield { id, data };
    }
  }
}
