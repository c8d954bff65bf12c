import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseJson, rawRequest } from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

const SANDBOX_LATENCY_MS = 1500;

let running: ServerAgainstSandbox | undefined;

beforeAll(() => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
});

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** What a request sent while the server shuts down gets: a status, or the connection error. */
async function outcomeOfNewRequest(url: string): Promise<number | string> {
  try {
    const response = await rawRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    return response.status;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** What a WebSocket handshake attempted during shutdown gets: a status, or the error code. */
function outcomeOfNewWebSocket(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'mcp');
    socket.once('open', () => {
      socket.terminate();
      resolve('opened');
    });
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes a tool call in flight, refuses new requests, then exits 0', async () => {
    running = await startServerAgainstSandbox();
    const { server, admin, projectId } = running;
    const client = new Client({ name: 'shutdown-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`)));
    // Log in before the latency starts, so the call in flight is one slow Infisical request.
    await client.callTool({ name: 'list-projects', arguments: {} });
    await admin.setFaults({ latencyMs: SANDBOX_LATENCY_MS });

    const started = Date.now();
    const inFlight = client.callTool({
      name: 'get-secret',
      arguments: { projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
    });
    // Let the request reach the server and Infisical before the signal.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = server.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const duringShutdown = await outcomeOfNewRequest(`${server.baseUrl}/mcp`);
    expect([503, 'ECONNREFUSED']).toContain(duringShutdown);

    const result = await inFlight;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      secret: { secretKey: 'API_KEY', secretValue: 'demo-api-key-0123456789' },
    });
    // The answer came after the signal: the server really waited for it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(SANDBOX_LATENCY_MS);

    expect(await exited).toBe(0);
    expect(await outcomeOfNewRequest(`${server.baseUrl}/mcp`)).toBe('ECONNREFUSED');
    expect(server.output()).toContain('shutting down');
    await client.close().catch(() => {});
  });

  it('finishes calls in flight over plain JSON-RPC, WebSocket and legacy SSE too', async () => {
    running = await startServerAgainstSandbox();
    const { server, admin, projectId } = running;
    const webSocketClient = new Client({ name: 'shutdown-ws', version: '1.0.0' });
    await webSocketClient.connect(new WebSocketClientTransport(new URL(`${server.baseUrl}/ws`)));
    const sseClient = new Client({ name: 'shutdown-sse', version: '1.0.0' });
    await sseClient.connect(new SSEClientTransport(new URL(`${server.baseUrl}/sse`)));
    await webSocketClient.callTool({ name: 'list-projects', arguments: {} });
    await admin.setFaults({ latencyMs: SANDBOX_LATENCY_MS });

    const readSecret = (secretName: string) => ({
      name: 'get-secret',
      arguments: { projectId, environmentSlug: 'dev', secretName },
    });
    const overPlainJsonRpc = rawRequest(`${server.baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'plain',
        method: 'tools/call',
        params: readSecret('LOG_LEVEL'),
      }),
    });
    const overWebSocket = webSocketClient.callTool(readSecret('API_KEY'));
    const overSse = sseClient.callTool(readSecret('DATABASE_URL'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = server.stop('SIGTERM');

    const plain = await overPlainJsonRpc;
    expect(plain.status).toBe(200);
    expect(parseJson(plain)).toMatchObject({
      id: 'plain',
      result: { structuredContent: { secret: { secretValue: 'debug' } } },
    });
    expect((await overWebSocket).structuredContent).toMatchObject({
      secret: { secretValue: 'demo-api-key-0123456789' },
    });
    expect((await overSse).structuredContent).toMatchObject({
      secret: { secretValue: 'postgres://demo:demo@localhost:5432/demo' },
    });
    expect(await exited).toBe(0);
    await Promise.all([webSocketClient.close(), sseClient.close()].map((p) => p.catch(() => {})));
  });

  it('refuses new WebSocket connections on both ports while finishing calls in flight', async () => {
    running = await startServerAgainstSandbox();
    const { server, admin, projectId } = running;
    const client = new Client({ name: 'shutdown-ws-refusal', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`)));
    await client.callTool({ name: 'list-projects', arguments: {} });
    await admin.setFaults({ latencyMs: SANDBOX_LATENCY_MS });
    const inFlight = client.callTool({
      name: 'get-secret',
      arguments: { projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = server.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const secondPort = server.websocketUrl as string;
    for (const url of [`${server.baseUrl.replace(/^http/, 'ws')}/ws`, secondPort]) {
      expect([503, 'ECONNREFUSED'], url).toContain(await outcomeOfNewWebSocket(url));
    }
    expect((await inFlight).isError).toBeFalsy();
    expect(await exited).toBe(0);
    await client.close().catch(() => {});
  });

  it('exits 0 promptly on SIGTERM when idle, with sessions of every transport open', async () => {
    running = await startServerAgainstSandbox();
    const { server } = running;
    const client = new Client({ name: 'shutdown-idle', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`)));
    const abortSse = new AbortController();
    const sse = await fetch(`${server.baseUrl}/sse`, { signal: abortSse.signal });
    expect(sse.status).toBe(200);
    const health = await rawRequest(`${server.baseUrl}/health`);
    expect(JSON.parse(health.body)).toMatchObject({ sessions: 2 });

    const started = Date.now();
    expect(await server.stop('SIGTERM')).toBe(0);
    // Open streams must not hold the process until the grace period runs out.
    expect(Date.now() - started).toBeLessThan(3000);
    abortSse.abort();
    await client.close().catch(() => {});
  });
});
