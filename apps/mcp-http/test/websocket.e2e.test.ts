import { allTools } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseJson, rawRequest } from './support/raw-http.js';
import { expectPingAnswered, openRawSocket } from './support/raw-websocket.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

/** Small enough that a test frame can exceed it, large enough for every real message. */
const MAX_BODY_BYTES = 8192;

let running: ServerAgainstSandbox;

beforeAll(async () => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
  running = await startServerAgainstSandbox(['--max-body-bytes', String(MAX_BODY_BYTES)]);
});

afterAll(async () => {
  await running?.close();
});

function httpWebSocketUrl(): string {
  return `${running.server.baseUrl.replace(/^http/, 'ws')}/ws`;
}

function secondPortUrl(): string {
  const url = running.server.websocketUrl;
  if (!url) throw new Error('the server did not report its second WebSocket port');
  return url;
}

async function webSocketSessions(): Promise<number> {
  const metrics = await rawRequest(`${running.server.baseUrl}/metrics`);
  const line = metrics.body
    .split('\n')
    .find((text) => text.startsWith('mcp_active_sessions{transport="websocket"}'));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** How a handshake with these extra headers ends: 'opened', an HTTP status, or an error. */
function handshakeOutcome(url: string, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'mcp', { headers });
    socket.once('open', () => {
      socket.terminate();
      resolve('opened');
    });
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('WebSocket with the SDK WebSocketClientTransport', () => {
  it('serves MCP at /ws on the HTTP port and writes a secret the sandbox then holds', async () => {
    const client = new Client({ name: 'ws-e2e', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(httpWebSocketUrl())));
    try {
      expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
      const created = await client.callTool({
        name: 'create-secret',
        arguments: {
          projectId: running.projectId,
          environmentSlug: 'staging',
          secretName: 'FROM_WEBSOCKET',
          secretValue: 'ws-value',
        },
      });
      expect(created.isError).toBeFalsy();
      const secrets = await running.admin.secrets(running.projectId, 'staging');
      expect(secrets.find((secret) => secret.key === 'FROM_WEBSOCKET')).toMatchObject({
        value: 'ws-value',
      });
    } finally {
      await client.close();
    }
  });

  it('sends a big list whose structured output and text block agree', async () => {
    const client = new Client({ name: 'ws-e2e', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(httpWebSocketUrl())));
    try {
      // Listing tools first makes the SDK client check structuredContent against the schema.
      await client.listTools();
      const location = { projectId: running.projectId, environmentSlug: 'prod', secretPath: '/' };
      const secrets = Array.from({ length: 60 }, (_, index) => ({
        secretName: `WS_BIG_${index}`,
        secretValue: `"quoted" \\ value ${'x'.repeat(60)} ${index}`,
      }));
      const created = await client.callTool({
        name: 'create-secrets',
        arguments: { ...location, secrets },
      });
      expect(created.isError).toBeFalsy();
      const listed = await client.callTool({
        name: 'list-secrets',
        arguments: { ...location, includeValues: true },
      });
      const [block] = listed.content as { type: string; text: string }[];
      expect(block?.text.length).toBeGreaterThan(4096);
      expect(JSON.parse(block?.text ?? '')).toEqual(listed.structuredContent);
      const values = (listed.structuredContent as { secrets: { secretValue?: string }[] }).secrets;
      expect(values.map((secret) => secret.secretValue)).toEqual(
        expect.arrayContaining(secrets.map((secret) => secret.secretValue)),
      );
    } finally {
      await client.close();
    }
  });

  it('serves MCP at / on the second port', async () => {
    const client = new Client({ name: 'ws-e2e', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(secondPortUrl())));
    try {
      const result = await client.callTool({
        name: 'get-secret',
        arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
      });
      expect(result.structuredContent).toMatchObject({
        secret: { secretKey: 'API_KEY', secretValue: 'demo-api-key-0123456789' },
      });
    } finally {
      await client.close();
    }
  });

  it('forgets a session when its socket closes', async () => {
    const client = new Client({ name: 'ws-e2e', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(secondPortUrl())));
    await waitFor(async () => (await webSocketSessions()) === 1);
    await client.close();
    await waitFor(async () => (await webSocketSessions()) === 0);
  });
});

describe('WebSocket frames that are not one JSON-RPC message', () => {
  it('answers a frame that is not JSON with -32700 and keeps the connection open', async () => {
    const raw = await openRawSocket(httpWebSocketUrl());
    try {
      raw.socket.send('{"jsonrpc": "2.0", "id": 1, "method": ');
      expect(await raw.nextMessage()).toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700 },
      });
      await expectPingAnswered(raw, 2);
    } finally {
      raw.socket.close();
    }
  });

  it('answers a binary frame with a JSON-RPC error and keeps the connection open', async () => {
    const raw = await openRawSocket(secondPortUrl());
    try {
      raw.socket.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })), {
        binary: true,
      });
      expect(await raw.nextMessage()).toMatchObject({ id: null, error: { code: -32600 } });
      await expectPingAnswered(raw, 3);
    } finally {
      raw.socket.close();
    }
  });

  it('answers JSON that is not JSON-RPC with -32600', async () => {
    const raw = await openRawSocket(httpWebSocketUrl());
    try {
      raw.socket.send(JSON.stringify({ hello: 'world' }));
      expect(await raw.nextMessage()).toMatchObject({ id: null, error: { code: -32600 } });
      await expectPingAnswered(raw, 4);
    } finally {
      raw.socket.close();
    }
  });

  it('closes with 1009 on a frame above --max-body-bytes and still serves new connections', async () => {
    const raw = await openRawSocket(httpWebSocketUrl());
    const oversized = JSON.stringify({
      jsonrpc: '2.0',
      id: 5,
      method: 'ping',
      params: { padding: 'x'.repeat(MAX_BODY_BYTES) },
    });
    raw.socket.send(oversized);
    expect((await raw.closed).code).toBe(1009);

    const fresh = await openRawSocket(httpWebSocketUrl());
    try {
      await expectPingAnswered(fresh, 6);
    } finally {
      fresh.socket.close();
    }
  });

  it('accepts a frame just under --max-body-bytes', async () => {
    const raw = await openRawSocket(secondPortUrl());
    try {
      const envelope = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping', params: { p: '' } });
      const padding = 'x'.repeat(MAX_BODY_BYTES - envelope.length);
      raw.socket.send(
        JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping', params: { p: padding } }),
      );
      expect(await raw.nextMessage()).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    } finally {
      raw.socket.close();
    }
  });
});

describe('WebSocket handshake', () => {
  /* The server refuses the upgrade itself, so even a lax client cannot open such a session. */
  it('refuses a client that offers only another subprotocol', async () => {
    for (const url of [httpWebSocketUrl(), secondPortUrl()]) {
      const socket = new WebSocket(url, 'graphql-ws');
      const outcome = await new Promise<string>((resolve) => {
        socket.once('open', () => resolve(`opened with "${socket.protocol}"`));
        socket.once('unexpected-response', (_request, response) =>
          resolve(`HTTP ${response.statusCode}`),
        );
        socket.once('error', (error) => resolve(error.message));
      });
      socket.terminate();
      expect(outcome, url).toBe('HTTP 400');
    }
    // Nothing of the refused handshakes lingers as a session.
    await waitFor(async () => (await webSocketSessions()) === 0);
  });

  it('refuses an upgrade for a Host that is not allowed (DNS rebinding), on both ports', async () => {
    for (const url of [httpWebSocketUrl(), secondPortUrl()]) {
      expect(await handshakeOutcome(url, { host: 'evil.example.com' }), url).toBe(403);
    }
  });

  it('refuses an upgrade from a page on another origin (cross-site WebSocket hijacking)', async () => {
    for (const url of [httpWebSocketUrl(), secondPortUrl()]) {
      expect(await handshakeOutcome(url, { origin: 'http://evil.example' }), url).toBe(403);
    }
  });

  it('leaves the HTTP routes of the same port working beside /ws', async () => {
    const health = await rawRequest(`${running.server.baseUrl}/health`);
    expect(parseJson(health)).toMatchObject({ status: 'ok' });
  });
});
