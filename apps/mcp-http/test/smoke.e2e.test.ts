import { allTools } from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type SpawnedHttpServer, spawnHttpServer } from './support/spawn-http-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let server: SpawnedHttpServer;

beforeAll(async () => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
  sandbox = await startSandbox({ port: 0 });
  server = await spawnHttpServer({
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
  });
});

afterAll(async () => {
  await server?.stop();
  await sandbox?.close();
});

/*
 * One end-to-end test per transport on the built binary: how each transport behaves is tested
 * in-process, in packages/transport-http.
 */
describe('infisical-mcp-http smoke', () => {
  it('starts without a Node or library warning (operators read these as something to fix)', () => {
    // Node prints process warnings, deprecations included, as "(node:PID) [CODE] ...".
    expect(server.output()).not.toMatch(/\(node:\d+\)|Deprecation|Warning:/);
  });

  /** The demo's API_KEY in dev, the call every transport below makes. */
  const getApiKey = (client: Client) =>
    client.callTool({
      name: 'get-secret',
      arguments: {
        projectId: sandbox.demo.projectId,
        environmentSlug: 'dev',
        secretName: 'API_KEY',
      },
    });

  it('serves a Streamable HTTP session to the SDK client', async () => {
    const client = new Client({ name: 'smoke', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`)));
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(TOOL_COUNT);
    const result = await getApiKey(client);
    expect(result.structuredContent).toMatchObject({ secret: { secretKey: 'API_KEY' } });
    await client.close();
  });

  it('serves a WebSocket session on the second port to the SDK client', async () => {
    const url = server.websocketUrl;
    if (!url) throw new Error('the server did not report its second WebSocket port');
    const client = new Client({ name: 'smoke', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(url)));
    try {
      const result = await getApiKey(client);
      expect(result.structuredContent).toMatchObject({
        secret: { secretKey: 'API_KEY', secretValue: 'demo-api-key-0123456789' },
      });
    } finally {
      await client.close();
    }
  });

  it('serves a legacy HTTP+SSE session to the SDK client', async () => {
    const client = new Client({ name: 'smoke', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${server.baseUrl}/sse`)));
    try {
      expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
      const result = await getApiKey(client);
      expect(result.structuredContent).toMatchObject({ secret: { secretKey: 'API_KEY' } });
    } finally {
      await client.close();
    }
  });

  it('answers a plain JSON-RPC POST, as curl sends it, in JSON', async () => {
    const response = await fetch(`${server.baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: '*/*' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('mcp-session-id')).toBeNull();
    const body = (await response.json()) as { id: number; result: { tools: unknown[] } };
    expect(body.id).toBe(1);
    expect(body.result.tools).toHaveLength(TOOL_COUNT);
  });
});
