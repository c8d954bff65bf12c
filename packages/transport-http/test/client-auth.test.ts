import { startTestTokenIssuer, type TestTokenIssuer } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeyAuth, bearer } from './support/api-keys.js';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { parseJson, STREAMABLE_ACCEPT } from './support/injected-mcp-requests.js';

/*
 * How clients authenticate to the transports. What a key's or a token's settings narrow (tools,
 * secret values) is the binary's policy, tested end to end in apps/mcp-http (client-auth.e2e).
 */

const KEYS = { admin: 'admin-key-0123456789', reader: 'reader-key-0123456789' };

async function connect(url: string, token?: string) {
  const client = new Client({ name: 'auth-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: token ? { headers: bearer(token) } : undefined,
  });
  await client.connect(transport);
  return { client, transport };
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'raw', version: '0' },
  },
});

/** An initialize POST to /mcp with these extra headers. */
function postInitialize(running: InfisicalInProcess, headers: Record<string, string> = {}) {
  return running.http.app.inject({
    method: 'POST',
    url: '/mcp',
    headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT, ...headers },
    payload: initialize,
  });
}

describe('api-key auth', () => {
  let running: InfisicalInProcess;

  beforeAll(async () => {
    // At debug, as the binary's tests run it: no line of any level may quote a key.
    running = await startInfisicalInProcess({ auth: apiKeyAuth(KEYS) }, 'debug');
  });
  afterAll(async () => {
    await running?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    running.http.app.inject({ url, headers });

  it('answers a missing or wrong key with 401 and a Bearer challenge', async () => {
    const missing = await postInitialize(running);
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="infisical-mcp"');
    const wrong = await postInitialize(running, { authorization: 'Bearer not-a-key' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(
      /^Bearer realm="infisical-mcp", error="invalid_token"/,
    );
    // Probes need no key; the metrics, which tell who uses the server and how, do.
    expect((await get('/health')).statusCode).toBe(200);
    expect((await get('/ready')).statusCode).toBe(200);
    const anonymousMetrics = await get('/metrics');
    expect(anonymousMetrics.statusCode).toBe(401);
    expect(anonymousMetrics.body).not.toContain('mcp_');
    const keyedMetrics = await get('/metrics', bearer(KEYS.reader));
    expect(keyedMetrics.statusCode).toBe(200);
    expect(keyedMetrics.body).toContain('mcp_http_requests_total');
    // The log is written: the refusals are in it, the key is not.
    expect(running.log.output()).toContain('"route":"/mcp","status":401');
    expect(running.log.output()).not.toContain('not-a-key');
  });

  it('answers the OAuth discovery paths 404, so OAuth clients report the missing key, not a failed registration', async () => {
    // What the SDK's auth() and mcp-remote probe, in their order.
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-authorization-server',
      '/.well-known/openid-configuration',
    ]) {
      const probe = await get(path);
      expect({ path, status: probe.statusCode }).toEqual({ path, status: 404 });
      expect(probe.headers['www-authenticate']).toBeUndefined();
    }
    // Other unknown paths still need the key.
    expect((await get('/register')).statusCode).toBe(401);
  });

  it("refuses one client's key on another client's session", async () => {
    const { client, transport } = await connect(`${running.baseUrl}/mcp`, KEYS.admin);
    const stolen = await running.http.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: {
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
        ...bearer(KEYS.reader),
        'mcp-session-id': transport.sessionId as string,
        'mcp-protocol-version': '2025-06-18',
      },
      payload: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(stolen.statusCode).toBe(403);
    await client.close();
  });

  // Over a real socket: the subprotocol the server picks is read from its handshake answer.
  it('authenticates WebSocket clients by header or by a bearer.<key> subprotocol, never anonymously', async () => {
    const wsUrl = `${running.baseUrl.replace(/^http/, 'ws')}/ws`;
    const outcome = (socket: WebSocket) =>
      new Promise<string>((resolve) => {
        socket.once('open', () => resolve('open'));
        socket.once('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
        socket.once('error', (error) => resolve(error.message));
      });
    const anonymous = new WebSocket(wsUrl, 'mcp');
    expect(await outcome(anonymous)).toBe('HTTP 401');
    anonymous.terminate();
    const byHeader = new WebSocket(wsUrl, 'mcp', { headers: bearer(KEYS.admin) });
    expect(await outcome(byHeader)).toBe('open');
    expect(byHeader.protocol).toBe('mcp');
    byHeader.close();
    const bySubprotocol = new WebSocket(wsUrl, ['mcp', `bearer.${KEYS.admin}`]);
    expect(await outcome(bySubprotocol)).toBe('open');
    expect(bySubprotocol.protocol).toBe('mcp');
    bySubprotocol.close();
  });
});

describe('publicMetrics', () => {
  let running: InfisicalInProcess;

  beforeAll(async () => {
    running = await startInfisicalInProcess({
      auth: apiKeyAuth({ admin: KEYS.admin }),
      publicMetrics: true,
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('serves /metrics without a key, to the allowed Host names only; everything else still needs one', async () => {
    const metrics = await running.http.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('mcp_http_requests_total');
    const rebound = await running.http.app.inject({
      url: '/metrics',
      headers: { host: 'rebound.example.com' },
    });
    expect(rebound.statusCode).toBe(403);
    expect((await postInitialize(running)).statusCode).toBe(401);
  });
});

describe('oauth auth (resource server)', () => {
  let running: InfisicalInProcess;
  let tokens: TestTokenIssuer;
  let issuer: string;
  const sign: TestTokenIssuer['sign'] = (claims, options) => tokens.sign(claims, options);
  const audience = 'https://mcp.example.com/mcp';

  beforeAll(async () => {
    tokens = await startTestTokenIssuer();
    issuer = tokens.issuer;
    running = await startInfisicalInProcess({
      auth: { mode: 'oauth', issuer, audience, jwksUrl: tokens.jwksUrl },
    });
  });
  afterAll(async () => {
    await running?.close();
    await tokens?.close();
  });

  /** As a client of the listening server asks: the metadata's URLs are built from its Host. */
  const get = (url: string) =>
    running.http.app.inject({ url, headers: { host: new URL(running.baseUrl).host } });

  it('serves the protected resource metadata and points 401s at it', async () => {
    const metadata = parseJson(await get('/.well-known/oauth-protected-resource'));
    expect(metadata).toMatchObject({
      resource: audience,
      authorization_servers: [issuer],
      scopes_supported: ['mcp:read', 'mcp:write'],
    });
    const missing = await running.http.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { host: new URL(running.baseUrl).host, 'content-type': 'application/json' },
      payload: initialize,
    });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${running.baseUrl}/.well-known/oauth-protected-resource"`,
    );
    // The authorization server is the issuer, not this server.
    expect((await get('/.well-known/oauth-authorization-server')).statusCode).toBe(404);
  });

  it('accepts a valid token, on the session it opens', async () => {
    const { client } = await connect(
      `${running.baseUrl}/mcp`,
      await sign({ aud: audience, scope: 'mcp:write' }),
    );
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it.each([
    ['expired', { aud: audience, scope: 'mcp:write' }, { expiresIn: '-1m' }, /expired/],
    [
      'for another audience',
      { aud: 'https://other.example.com', scope: 'mcp:write' },
      {},
      /claim 'aud' is not valid/,
    ],
    [
      'wrongly signed',
      { aud: audience, scope: 'mcp:write' },
      { key: 'rogue' as const },
      /signature/,
    ],
    // Good forever once leaked.
    ['without an expiry', { aud: audience, scope: 'mcp:write' }, { expiresIn: null }, /no 'exp'/],
    // Every such token would be one client, sharing the others' sessions.
    ['without a subject', { aud: audience, scope: 'mcp:write' }, { subject: null }, /no 'sub'/],
    ['with an empty subject', { aud: audience, scope: 'mcp:write' }, { subject: '' }, /no 'sub'/],
  ])(
    'refuses a token that is %s with 401 invalid_token',
    async (_label, claims, options, reason) => {
      const response = await postInitialize(running, bearer(await sign(claims, options)));
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      expect(response.headers['www-authenticate']).toMatch(reason);
    },
  );

  it('refuses a token without an MCP scope with 403 insufficient_scope', async () => {
    const response = await postInitialize(
      running,
      bearer(await sign({ aud: audience, scope: 'openid' })),
    );
    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
  });
});
