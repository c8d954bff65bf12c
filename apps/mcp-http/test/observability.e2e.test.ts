import { createServer } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import packageJson from '../package.json' with { type: 'json' };
import { metricValue, parseJson, rawRequest } from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { type SpawnedHttpServer, spawnHttpServer } from './support/spawn-http-server.js';

let running: ServerAgainstSandbox;

beforeAll(async () => {
  // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
  running = await startServerAgainstSandbox();
});

afterAll(async () => {
  await running?.close();
});

async function scrape(baseUrl: string): Promise<string> {
  const response = await rawRequest(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return response.body;
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

describe('/health', () => {
  it('reports status, name, version, uptime, open sessions and where sessions are kept', async () => {
    const response = await rawRequest(`${running.server.baseUrl}/health`);
    expect(response.status).toBe(200);
    const health = parseJson(response);
    expect(health).toEqual({
      status: 'ok',
      name: 'infisical-mcp',
      version: packageJson.version,
      uptimeSeconds: expect.any(Number),
      sessions: expect.any(Number),
      sessionStore: 'memory',
    });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('/ready', () => {
  it('is 200 when Infisical (the sandbox) answers', async () => {
    const response = await rawRequest(`${running.server.baseUrl}/ready`);
    expect(response.status).toBe(200);
    expect(parseJson(response)).toMatchObject({ ready: true });
  });

  describe('with INFISICAL_HOST_URL pointing at a closed port, a password in it', () => {
    let unreachable: SpawnedHttpServer;

    beforeAll(async () => {
      unreachable = await spawnHttpServer({
        INFISICAL_HOST_URL: `http://mcp-user:host-url-password@127.0.0.1:${await closedPort()}`,
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'client-id',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'client-secret-never-logged',
      });
    });

    afterAll(async () => {
      await unreachable?.stop();
    });

    it('is 503 with a reason an operator can act on, and no credential in it', async () => {
      const started = Date.now();
      const response = await rawRequest(`${unreachable.baseUrl}/ready`);
      expect(response.status).toBe(503);
      const report = parseJson<{ ready: boolean; detail: string }>(response);
      expect(report.ready).toBe(false);
      expect(report.detail).toMatch(/Infisical/);
      expect(response.body).not.toContain('client-secret-never-logged');
      expect(response.body).not.toContain('host-url-password');
      // A probe must answer well within a kubelet's default timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('stays live: /health is 200 while not ready', async () => {
      expect((await rawRequest(`${unreachable.baseUrl}/health`)).status).toBe(200);
    });

    it('logs the host URL with its user info masked, in the banner and everywhere else', () => {
      expect(unreachable.output()).toMatch(/"infisical":"http:\/\/\*\*\*@127\.0\.0\.1:\d+"/);
      expect(unreachable.output()).not.toContain('host-url-password');
      expect(unreachable.output()).not.toContain('mcp-user');
    });
  });

  it('is 503 when Infisical refuses the credentials, without echoing them', async () => {
    const refused = await spawnHttpServer({
      INFISICAL_HOST_URL: running.sandbox.url,
      INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: running.sandbox.demo.clientId,
      INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'wrong-secret-never-echoed',
    });
    try {
      const response = await rawRequest(`${refused.baseUrl}/ready`);
      expect(response.status).toBe(503);
      expect(parseJson(response)).toMatchObject({
        ready: false,
        detail: expect.stringMatching(/token/),
      });
      expect(response.body).not.toContain('wrong-secret-never-echoed');
      expect(refused.output()).not.toContain('wrong-secret-never-echoed');
    } finally {
      await refused.stop();
    }
  });
});

describe('/metrics', () => {
  it('counts tool calls by tool and outcome, sessions by transport and Infisical requests', async () => {
    const { baseUrl } = running.server;
    const streamable = new Client({ name: 'metrics-http', version: '1.0.0' });
    await streamable.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)));
    const webSocket = new Client({ name: 'metrics-ws', version: '1.0.0' });
    await webSocket.connect(new WebSocketClientTransport(new URL(`${baseUrl}/ws`)));
    try {
      const where = { projectId: running.projectId, environmentSlug: 'dev' };
      await streamable.callTool({
        name: 'get-secret',
        arguments: { ...where, secretName: 'API_KEY' },
      });
      await webSocket.callTool({
        name: 'get-secret',
        arguments: { ...where, secretName: 'LOG_LEVEL' },
      });
      const missing = await streamable.callTool({
        name: 'get-secret',
        arguments: { ...where, secretName: 'NOT_THERE' },
      });
      expect(missing.isError).toBe(true);

      const metrics = await scrape(baseUrl);
      expect(
        metricValue(metrics, 'mcp_tool_calls_total', { tool: 'get-secret', outcome: 'ok' }),
      ).toBe(2);
      expect(
        metricValue(metrics, 'mcp_tool_calls_total', { tool: 'get-secret', outcome: 'tool_error' }),
      ).toBe(1);
      expect(
        metricValue(metrics, 'mcp_tool_call_duration_seconds_count', {
          tool: 'get-secret',
          outcome: 'ok',
        }),
      ).toBe(2);
      expect(metricValue(metrics, 'mcp_active_sessions', { transport: 'streamable-http' })).toBe(1);
      expect(metricValue(metrics, 'mcp_active_sessions', { transport: 'websocket' })).toBe(1);
      expect(
        metricValue(metrics, 'mcp_sessions_opened_total', { transport: 'streamable-http' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(metrics, 'infisical_requests_total', {
          operation: 'secrets.get',
          outcome: 'ok',
        }),
      ).toBe(2);
      expect(
        metricValue(metrics, 'infisical_requests_total', {
          operation: 'auth.login',
          outcome: 'ok',
        }),
      ).toBeGreaterThanOrEqual(1);
      // One shared token cache: three calls over two sessions log in once.
      expect(
        metricValue(metrics, 'infisical_token_refreshes_total', { kind: 'login', outcome: 'ok' }),
      ).toBe(1);
      expect(
        metricValue(metrics, 'mcp_http_requests_total', {
          method: 'POST',
          route: '/mcp',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
      // Secret values are never metric labels.
      expect(metrics).not.toContain('demo-api-key-0123456789');
    } finally {
      await Promise.all([streamable.close(), webSocket.close()]);
    }
    // Closed sessions leave the gauge.
    await expect
      .poll(
        async () =>
          metricValue(await scrape(baseUrl), 'mcp_active_sessions', { transport: 'websocket' }) ??
          0,
      )
      .toBe(0);
  });

  it('labels requests to unknown paths by route pattern, not by the path asked for', async () => {
    const { baseUrl } = running.server;
    const missing = await rawRequest(`${baseUrl}/no-such-path-7f3a?token=abc`);
    expect(missing.status).toBe(404);
    const metrics = await scrape(baseUrl);
    expect(metrics).not.toContain('no-such-path-7f3a');
    expect(
      metricValue(metrics, 'mcp_http_requests_total', { method: 'GET', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('keeps client-chosen tool names from growing the label set', async () => {
    const client = new Client({ name: 'metrics-bad-names', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${running.server.baseUrl}/mcp`)),
    );
    try {
      const odd = 'has spaces and "quotes"';
      await expect(client.callTool({ name: odd, arguments: {} })).rejects.toThrow();
      const metrics = await scrape(running.server.baseUrl);
      expect(metrics).not.toContain('has spaces');
      expect(
        metricValue(metrics, 'mcp_tool_calls_total', {
          tool: 'invalid',
          outcome: 'protocol_error',
        }),
      ).toBe(1);
    } finally {
      await client.close();
    }
  });
});
