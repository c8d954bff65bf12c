import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ElicitRequestSchema,
  ListToolsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type McpHttpPluginOptions, mcpHttpPlugin } from '../src/mcp-http-plugin.js';
import type { McpSessionContext } from '../src/mcp-server-factory.js';
import {
  postInitialize,
  postToSession,
  STREAMABLE_ACCEPT,
} from './support/injected-mcp-requests.js';

/**
 * A server that knows nothing of Infisical, with tools that exercise what a session must carry
 * from request to request: the client's capabilities, a stream for progress, a question to the
 * client, and state kept in the session's record.
 */
function sessionAwareServer(context: McpSessionContext, built: { count: number }): Server {
  built.count++;
  const server = new Server({ name: 'probe', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: ['capabilities', 'progress', 'ask', 'remember', 'recall', 'request'].map((name) => ({
      name,
      inputSchema: { type: 'object' as const },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const text = (value: unknown) => ({ content: [{ type: 'text', text: JSON.stringify(value) }] });
    switch (request.params.name) {
      case 'capabilities':
        return text(server.getClientCapabilities() ?? null);
      case 'progress': {
        const progressToken = extra._meta?.progressToken ?? 'none';
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress: 1, total: 2 },
        });
        return text('done');
      }
      case 'ask': {
        const answer = await server.elicitInput({
          message: 'Which colour?',
          requestedSchema: { type: 'object', properties: { colour: { type: 'string' } } },
        });
        return text(answer.content ?? null);
      }
      case 'remember':
        await context.session?.saveEnabledToolsets(['remembered']);
        return text('saved');
      case 'recall':
        return text(context.session?.enabledToolsets ?? null);
      case 'request':
        return text({
          url: extra.requestInfo?.url?.href,
          userAgent: extra.requestInfo?.headers['user-agent'],
        });
      default:
        throw new Error('unknown tool');
    }
  });
  return server;
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function startApp(options: Partial<McpHttpPluginOptions> = {}) {
  const built = { count: 0 };
  const app = Fastify();
  apps.push(app);
  await app.register(mcpHttpPlugin, {
    createMcpServer: (context) => sessionAwareServer(context, built),
    describe: () => ({ name: 'probe', version: '1.0.0' }),
    ...options,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base, built };
}

async function connect(base: string, capabilities = {}) {
  const client = new Client({ name: 'record-test', version: '1.0.0' }, { capabilities });
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
  await client.connect(transport);
  return { client, transport };
}

const textOf = (result: unknown) =>
  JSON.parse((result as { content: { text: string }[] }).content[0]?.text ?? 'null');

describe('a Streamable HTTP session is a record', () => {
  it('answers a POST in JSON, and as an event stream once the server sends something for it', async () => {
    const { app } = await startApp();
    const opened = await postInitialize(app, '2025-11-25', 'raw');
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toContain('application/json');
    const sessionId = String(opened.headers['mcp-session-id']);
    const post = (payload: unknown) => postToSession(app, sessionId, '2025-11-25', payload);

    const listed = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(listed.headers['content-type']).toContain('application/json');
    expect(listed.json()).toMatchObject({ id: 1, result: { tools: expect.any(Array) } });

    // Progress for a request goes on that request's stream: the answer becomes one.
    const progressed = await post({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'progress', arguments: {} },
    });
    expect(progressed.headers['content-type']).toContain('text/event-stream');
    const events = progressed.body.split('\n\n').filter((event) => event.includes('data: {'));
    expect(events).toHaveLength(2);
    expect(events[0]).toContain('notifications/progress');
    expect(events[1]).toMatch(/^event: message\nid: [^\n]+_[^\n]+\ndata: \{/);
    expect(JSON.parse(events[1]?.split('data: ')[1] ?? '')).toMatchObject({ id: 2, result: {} });

    // A batch in JSON is an array of the answers.
    const batch = await post([
      { jsonrpc: '2.0', id: 3, method: 'ping' },
      { jsonrpc: '2.0', id: 4, method: 'ping' },
    ]);
    expect(batch.json()).toEqual([
      { jsonrpc: '2.0', id: 3, result: {} },
      { jsonrpc: '2.0', id: 4, result: {} },
    ]);
  });

  it('answers a plain JSON-RPC POST (no session) in JSON only: progress dropped, a batch in order', async () => {
    const { app } = await startApp();
    const plain = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: '/mcp',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: payload as object,
      });
    const answered = await plain([
      {
        jsonrpc: '2.0',
        id: 'slow',
        method: 'tools/call',
        params: { name: 'progress', arguments: {}, _meta: { progressToken: 'p' } },
      },
      { jsonrpc: '2.0', id: 'quick', method: 'ping' },
    ]);
    expect(answered.headers['content-type']).toContain('application/json');
    const body = answered.json() as { id: string }[];
    // In the order of the requests, though the ping is answered first.
    expect(body.map((answer) => answer.id)).toEqual(['slow', 'quick']);
    expect(answered.body).not.toContain('notifications/progress');
    expect((await plain({ jsonrpc: '2.0', method: 'notifications/initialized' })).statusCode).toBe(
      202,
    );
  });

  it('tells a handler the URL and headers of the POST its message came in', async () => {
    const { base } = await startApp();
    const { client } = await connect(base);
    const seen = textOf(await client.callTool({ name: 'request', arguments: {} }));
    expect(seen.url).toBe(`${base}/mcp`);
    expect(seen.userAgent).toEqual(expect.any(String));
    await client.close();
  });

  it('refuses an initialize whose params are too large to keep as a record, and keeps nothing', async () => {
    const { app } = await startApp();
    const refused = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
      payload: {
        jsonrpc: '2.0',
        id: 0,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: { experimental: { padding: { data: 'x'.repeat(20_000) } } },
          clientInfo: { name: 'hoarder', version: '1' },
        },
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: { message: expect.stringContaining('too large') },
    });
    expect(refused.headers['mcp-session-id']).toBeUndefined();
    const health = await app.inject({ url: '/health', headers: { host: 'localhost' } });
    expect(health.json()).toMatchObject({ sessions: 0 });
  });

  it('serves a session from its record once its server was let go: capabilities and saved state carry over', async () => {
    const { base, built } = await startApp({ sessionServerReleaseMs: 10 });
    const { client } = await connect(base, { elicitation: {} });
    const capabilities = textOf(await client.callTool({ name: 'capabilities' }));
    expect(capabilities).toMatchObject({ elicitation: {} });
    await client.callTool({ name: 'remember' });
    const before = built.count;
    // The sweep runs every second: by then the idle server is gone.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(textOf(await client.callTool({ name: 'capabilities' }))).toEqual(capabilities);
    expect(textOf(await client.callTool({ name: 'recall' }))).toEqual(['remembered']);
    // Built again at least once (a slow machine may release it again between the two calls).
    expect(built.count).toBeGreaterThan(before);
    await client.close();
  });

  it('routes the client’s answer to a question of the server back to the call that asked', async () => {
    const { base } = await startApp();
    const { client } = await connect(base, { elicitation: {} });
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { colour: 'teal' },
    }));
    expect(textOf(await client.callTool({ name: 'ask' }))).toEqual({ colour: 'teal' });
    await client.close();
  });

  it('never locks out a client that opens a session per run and never says goodbye', async () => {
    const { base, app } = await startApp({
      limits: { maxSessionsPerClient: 3, maxSessions: 5 },
    });
    for (let run = 0; run < 30; run++) {
      const { client } = await connect(base);
      await client.listTools();
      expect(textOf(await client.callTool({ name: 'recall' }))).toEqual([]);
      // What n8n's MCP Client Tool and the SDK's close() do: no DELETE.
      await client.close();
    }
    const metrics = await app.inject({ url: '/metrics', headers: { host: 'localhost' } });
    const evicted = /mcp_sessions_evicted_total\{reason="sessions_per_client"\} (\d+)/.exec(
      metrics.body,
    );
    expect(Number(evicted?.[1])).toBeGreaterThanOrEqual(27);
    expect(metrics.body).not.toMatch(/mcp_limit_refusals_total\{reason="sessions_per_client"\}/);
  });
});
