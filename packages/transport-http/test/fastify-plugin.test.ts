import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { mcpHttpPlugin } from '../src/mcp-http-plugin.js';

/** A server that knows nothing of Infisical: the transport layer must not either. */
function echoServer(): Server {
  const server = new Server({ name: 'echo', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, (request) => ({
    content: [{ type: 'text', text: JSON.stringify(request.params.arguments) }],
  }));
  return server;
}

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('mcpHttpPlugin inside an existing fastify application', () => {
  it('serves MCP under a prefix and leaves the application routes alone', async () => {
    const app = Fastify();
    apps.push(app);
    app.get('/own', async () => ({ mine: true }));
    await app.register(mcpHttpPlugin, {
      prefix: '/agents',
      createMcpServer: echoServer,
      describe: () => ({ name: 'echo', version: '1.0.0', toolCount: 1 }),
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });

    const client = new Client({ name: 'plugin-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/agents/mcp`)));
    const result = await client.callTool({ name: 'echo', arguments: { hello: 'world' } });
    expect(result.content).toEqual([{ type: 'text', text: '{"hello":"world"}' }]);
    await client.close();

    // The Host guard protects the MCP routes only.
    const own = await app.inject({ url: '/own', headers: { host: 'evil.example.com' } });
    expect(own.statusCode).toBe(200);
    const guarded = await app.inject({
      url: '/agents/health',
      headers: { host: 'evil.example.com' },
    });
    // Probes too: through a rebound name a page could read them.
    expect(guarded.statusCode).toBe(403);
    const probe = await app.inject({ url: '/agents/health', headers: { host: 'localhost' } });
    expect(probe.statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/agents/mcp',
      headers: { host: 'evil.example.com', 'content-type': 'application/json' },
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('closes its sessions when the application closes', async () => {
    const app = Fastify();
    await app.register(mcpHttpPlugin, {
      createMcpServer: echoServer,
      describe: () => ({ name: 'echo', version: '1.0.0' }),
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = new Client({ name: 'plugin-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
    await client.connect(transport);
    const sessionId = transport.sessionId;
    expect(sessionId).toBeTruthy();
    const health = await app.inject({ url: '/health', headers: { host: 'localhost' } });
    expect(health.json()).toMatchObject({ sessions: 1 });
    await app.close();
    await client.close();
  });
});
