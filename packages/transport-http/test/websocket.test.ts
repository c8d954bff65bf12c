import { allTools } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { injectedHandshake, openInjectedSocket } from './support/injected-websocket.js';
import { expectPingAnswered } from './support/websocket-frames.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

/** Small enough that a test frame can exceed it, large enough for every real message. */
const MAX_BODY_BYTES = 8192;

let running: InfisicalInProcess;

beforeAll(async () => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
  running = await startInfisicalInProcess({ maxBodyBytes: MAX_BODY_BYTES });
});

afterAll(async () => {
  await running?.close();
});

function httpWebSocketUrl(): string {
  return `${running.baseUrl.replace(/^http/, 'ws')}/ws`;
}

/** The app of the second port, which serves WebSocket alone, at `/`. */
function secondPortApp(): FastifyInstance {
  const app = running.http.websocketApp;
  if (!app) throw new Error('the server has no second WebSocket port');
  return app;
}

/** Each WebSocket endpoint: /ws on the HTTP port and / on the second port. */
function endpoints(): { name: string; app: FastifyInstance; path: string }[] {
  return [
    { name: 'HTTP port /ws', app: running.http.app, path: '/ws' },
    { name: 'second port /', app: secondPortApp(), path: '/' },
  ];
}

const onHttpPort = () => openInjectedSocket(running.http.app, '/ws');
const onSecondPort = () => openInjectedSocket(secondPortApp(), '/');

async function webSocketSessions(): Promise<number> {
  const metrics = await running.http.app.inject({
    url: '/metrics',
    headers: { host: 'localhost' },
  });
  const line = metrics.body
    .split('\n')
    .find((text) => text.startsWith('mcp_active_sessions{transport="websocket"}'));
  return line ? Number(line.split(' ')[1]) : 0;
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
    const client = new Client({ name: 'ws-test', version: '1.0.0' });
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
    const client = new Client({ name: 'ws-test', version: '1.0.0' });
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
    const client = new Client({ name: 'ws-test', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(running.websocketUrl)));
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
    const client = new Client({ name: 'ws-test', version: '1.0.0' });
    await client.connect(new WebSocketClientTransport(new URL(running.websocketUrl)));
    await waitFor(async () => (await webSocketSessions()) === 1);
    await client.close();
    await waitFor(async () => (await webSocketSessions()) === 0);
  });
});

describe('WebSocket frames that are not one JSON-RPC message', () => {
  it('answers a frame that is not JSON with -32700 and keeps the connection open', async () => {
    const raw = await onHttpPort();
    try {
      raw.socket.send('{"jsonrpc": "2.0", "id": 1, "method": ');
      expect(await raw.nextMessage()).toMatchObject({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32700 },
      });
      await expectPingAnswered(raw, 2);
    } finally {
      raw.close();
    }
  });

  it('answers a binary frame with a JSON-RPC error and keeps the connection open', async () => {
    const raw = await onSecondPort();
    try {
      raw.socket.send(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' })), {
        binary: true,
      });
      expect(await raw.nextMessage()).toMatchObject({ id: null, error: { code: -32600 } });
      await expectPingAnswered(raw, 3);
    } finally {
      raw.close();
    }
  });

  it('answers JSON that is not JSON-RPC with -32600', async () => {
    const raw = await onHttpPort();
    try {
      raw.socket.send(JSON.stringify({ hello: 'world' }));
      expect(await raw.nextMessage()).toMatchObject({ id: null, error: { code: -32600 } });
      await expectPingAnswered(raw, 4);
    } finally {
      raw.close();
    }
  });

  it('closes with 1009 on a frame above maxBodyBytes and still serves new connections', async () => {
    const raw = await onHttpPort();
    const oversized = JSON.stringify({
      jsonrpc: '2.0',
      id: 5,
      method: 'ping',
      params: { padding: 'x'.repeat(MAX_BODY_BYTES) },
    });
    raw.socket.send(oversized);
    expect((await raw.closed).code).toBe(1009);

    const fresh = await onHttpPort();
    try {
      await expectPingAnswered(fresh, 6);
    } finally {
      fresh.close();
    }
  });

  it('accepts a frame just under maxBodyBytes', async () => {
    const raw = await onSecondPort();
    try {
      const envelope = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping', params: { p: '' } });
      const padding = 'x'.repeat(MAX_BODY_BYTES - envelope.length);
      raw.socket.send(
        JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping', params: { p: padding } }),
      );
      expect(await raw.nextMessage()).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    } finally {
      raw.close();
    }
  });
});

describe('WebSocket handshake', () => {
  /* The server refuses the upgrade itself, so even a lax client cannot open such a session. */
  it('refuses a client that offers only another subprotocol', async () => {
    for (const { name, app, path } of endpoints()) {
      expect(
        await injectedHandshake(app, path, { 'sec-websocket-protocol': 'graphql-ws' }),
        name,
      ).toBe(400);
    }
    // Nothing of the refused handshakes lingers as a session.
    await waitFor(async () => (await webSocketSessions()) === 0);
  });

  it('refuses an upgrade for a Host that is not allowed (DNS rebinding), on both ports', async () => {
    for (const { name, app, path } of endpoints()) {
      expect(await injectedHandshake(app, path, { host: 'evil.example.com' }), name).toBe(403);
      // The same handshake for the right Host opens: the refusal is the Host's doing.
      expect(await injectedHandshake(app, path), name).toBe('opened');
    }
  });

  it('refuses an upgrade from a page on another origin (cross-site WebSocket hijacking)', async () => {
    for (const { name, app, path } of endpoints()) {
      expect(await injectedHandshake(app, path, { origin: 'http://evil.example' }), name).toBe(403);
    }
  });

  it('leaves the HTTP routes of the same port working beside /ws', async () => {
    const health = await running.http.app.inject({
      url: '/health',
      headers: { host: 'localhost' },
    });
    expect(health.json()).toMatchObject({ status: 'ok' });
  });
});
