import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allTools } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeyArgs } from './support/api-key-args.js';
import { parseJson, rawRequest, STREAMABLE_ACCEPT } from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { HTTP_BIN } from './support/spawn-http-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = {
  admin: 'admin-key-0123456789',
  reader: 'reader-key-0123456789',
  projects: 'projects-key-0123',
  access: 'access-key-0123456',
};
const ACCESS_TOOLS = allTools.filter((tool) => tool.toolset === 'access').map((tool) => tool.name);
// The core's filterTools test spells out the read-only catalogue; here a read-only key must get
// exactly the tools annotated read-only, whatever they are.
const READ_ONLY_TOOLS = allTools
  .filter((tool) => tool.annotations.readOnlyHint)
  .map((tool) => tool.name);

async function connect(url: string, token?: string) {
  const client = new Client({ name: 'auth-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
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

describe('--auth api-key', () => {
  let running: ServerAgainstSandbox;
  let mcp: string;

  beforeAll(async () => {
    running = await startServerAgainstSandbox([
      '--auth',
      'api-key',
      '--api-keys',
      JSON.stringify([
        { id: 'admin', sha256: sha256(KEYS.admin) },
        { id: 'reader', sha256: sha256(KEYS.reader), readOnly: true },
        { id: 'projects-only', sha256: sha256(KEYS.projects), toolsets: ['projects'] },
        // `members` is the old name of the access toolset, still accepted.
        { id: 'access-only', sha256: sha256(KEYS.access), toolsets: ['members'] },
      ]),
    ]);
    mcp = `${running.server.baseUrl}/mcp`;
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers a missing or wrong key with 401 and a Bearer challenge', async () => {
    const missing = await rawRequest(mcp, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
      body: initialize,
    });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="infisical-mcp"');
    const wrong = await rawRequest(mcp, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
        authorization: 'Bearer not-a-key',
      },
      body: initialize,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(
      /^Bearer realm="infisical-mcp", error="invalid_token"/,
    );
    // Probes need no key; the metrics, which tell who uses the server and how, do.
    expect((await rawRequest(`${running.server.baseUrl}/health`)).status).toBe(200);
    expect((await rawRequest(`${running.server.baseUrl}/ready`)).status).toBe(200);
    const anonymousMetrics = await rawRequest(`${running.server.baseUrl}/metrics`);
    expect(anonymousMetrics.status).toBe(401);
    expect(anonymousMetrics.body).not.toContain('mcp_');
    const keyedMetrics = await rawRequest(`${running.server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${KEYS.reader}` },
    });
    expect(keyedMetrics.status).toBe(200);
    expect(keyedMetrics.body).toContain('mcp_http_requests_total');
    expect(running.server.output()).not.toContain('not-a-key');
  });

  it('answers the OAuth discovery paths 404, so OAuth clients report the missing key, not a failed registration', async () => {
    // What the SDK's auth() and mcp-remote probe, in their order.
    for (const path of [
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-authorization-server',
      '/.well-known/openid-configuration',
    ]) {
      const probe = await rawRequest(`${running.server.baseUrl}${path}`);
      expect({ path, status: probe.status }).toEqual({ path, status: 404 });
      expect(probe.headers['www-authenticate']).toBeUndefined();
    }
    // Other unknown paths still need the key.
    expect((await rawRequest(`${running.server.baseUrl}/register`)).status).toBe(401);
  });

  it('serves every tool to a full key', async () => {
    const { client } = await connect(mcp, KEYS.admin);
    expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
    await client.close();
  });

  it('gives a read-only key only read-only tools, and its writes change nothing', async () => {
    const { client } = await connect(mcp, KEYS.reader);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(READ_ONLY_TOOLS);
    const before = await running.admin.state();
    await expect(
      client.callTool({
        name: 'create-secret',
        arguments: {
          projectId: running.projectId,
          environmentSlug: 'dev',
          secretName: 'NOPE',
          secretValue: 'x',
        },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('not enabled on this server') });
    expect(await running.admin.state()).toEqual(before);
    const read = await client.callTool({
      name: 'get-secret',
      arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
    });
    expect(read.isError).toBeFalsy();
    await client.close();
  });

  it('limits a key to its toolsets', async () => {
    const { client } = await connect(mcp, KEYS.projects);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
      'create-project',
      'list-projects',
      'get-project',
      'update-project',
      'delete-project',
    ]);
    await client.close();
  });

  it('takes a key’s old toolset name for the new one', async () => {
    const { client } = await connect(mcp, KEYS.access);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(ACCESS_TOOLS);
    await client.close();
  });

  it('refuses to start with a key whose toolsets name one that does not exist', () => {
    const started = spawnSync(
      process.execPath,
      [
        HTTP_BIN,
        '--sandbox',
        '--auth',
        'api-key',
        '--api-keys',
        JSON.stringify([{ id: 'typo', sha256: sha256(KEYS.admin), toolsets: ['secretz'] }]),
      ],
      { encoding: 'utf8', timeout: 15_000 },
    );
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('(typo): "toolsets": unknown toolset secretz');
  });

  it.each([
    [
      'two keys with one id',
      [
        { id: 'agent', sha256: sha256(KEYS.admin), secretValues: 'deny' },
        { id: 'agent', sha256: sha256(KEYS.reader) },
      ],
      /--api-keys: two keys have the id "agent"/,
    ],
    [
      'one key under two ids',
      [
        { id: 'strict', sha256: sha256(KEYS.admin), secretValues: 'deny' },
        { id: 'loose', sha256: sha256(KEYS.admin) },
      ],
      /--api-keys: keys "strict" and "loose" have the same sha256/,
    ],
  ])(
    'refuses to start with %s: which one applied was an accident of order',
    (_label, keys, reason) => {
      const started = spawnSync(
        process.execPath,
        [
          HTTP_BIN,
          '--sandbox',
          '--port',
          '0',
          '--ws-port',
          'off',
          '--auth',
          'api-key',
          '--api-keys',
          JSON.stringify(keys),
        ],
        { encoding: 'utf8', timeout: 15_000 },
      );
      expect(started.status, started.stderr).toBe(1);
      expect(started.stderr).toMatch(reason);
      expect(started.stderr).not.toMatch(/listening/);
    },
  );

  it("refuses one client's key on another client's session", async () => {
    const { client, transport } = await connect(mcp, KEYS.admin);
    const stolen = await rawRequest(mcp, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
        authorization: `Bearer ${KEYS.reader}`,
        'mcp-session-id': transport.sessionId as string,
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(stolen.status).toBe(403);
    await client.close();
  });

  it('authenticates WebSocket clients by header or by a bearer.<key> subprotocol, never anonymously', async () => {
    const wsUrl = `${running.server.baseUrl.replace(/^http/, 'ws')}/ws`;
    const outcome = (socket: WebSocket) =>
      new Promise<string>((resolve) => {
        socket.once('open', () => resolve('open'));
        socket.once('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
        socket.once('error', (error) => resolve(error.message));
      });
    const anonymous = new WebSocket(wsUrl, 'mcp');
    expect(await outcome(anonymous)).toBe('HTTP 401');
    const byHeader = new WebSocket(wsUrl, 'mcp', {
      headers: { authorization: `Bearer ${KEYS.admin}` },
    });
    expect(await outcome(byHeader)).toBe('open');
    expect(byHeader.protocol).toBe('mcp');
    byHeader.close();
    const bySubprotocol = new WebSocket(wsUrl, ['mcp', `bearer.${KEYS.admin}`]);
    expect(await outcome(bySubprotocol)).toBe('open');
    expect(bySubprotocol.protocol).toBe('mcp');
    bySubprotocol.close();
  });
});

describe('--public-metrics', () => {
  let running: ServerAgainstSandbox;

  beforeAll(async () => {
    running = await startServerAgainstSandbox([
      ...apiKeyArgs({ admin: KEYS.admin }),
      '--public-metrics',
    ]);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('serves /metrics without a key, to the allowed Host names only; everything else still needs one', async () => {
    const metrics = await rawRequest(`${running.server.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('mcp_http_requests_total');
    const rebound = await rawRequest(`${running.server.baseUrl}/metrics`, {
      headers: { host: 'rebound.example.com' },
    });
    expect(rebound.status).toBe(403);
    const mcp = await rawRequest(`${running.server.baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
      body: initialize,
    });
    expect(mcp.status).toBe(401);
  });
});

describe('--auth oauth (resource server)', () => {
  let running: ServerAgainstSandbox;
  let jwks: Server;
  let issuer: string;
  let sign: (
    claims: Record<string, unknown>,
    options?: { expiresIn?: string | null; subject?: string | null; key?: 'trusted' | 'rogue' },
  ) => Promise<string>;
  const audience = 'https://mcp.example.com/mcp';

  beforeAll(async () => {
    const trusted = await generateKeyPair('RS256');
    const rogue = await generateKeyPair('RS256');
    const publicJwk: JWK = {
      ...(await exportJWK(trusted.publicKey)),
      kid: 'trusted',
      alg: 'RS256',
      use: 'sig',
    };
    jwks = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    // null leaves the claim out.
    sign = async (claims, { expiresIn = '5m', subject = 'agent-42', key = 'trusted' } = {}) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'trusted' })
        .setIssuer(issuer)
        .setIssuedAt();
      if (subject !== null) jwt.setSubject(subject);
      if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
      return jwt.sign(key === 'trusted' ? trusted.privateKey : rogue.privateKey);
    };
    running = await startServerAgainstSandbox([
      '--auth',
      'oauth',
      '--oauth-issuer',
      issuer,
      '--oauth-audience',
      audience,
    ]);
  });
  afterAll(async () => {
    await running?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const mcp = () => `${running.server.baseUrl}/mcp`;
  const post = (token: string) =>
    rawRequest(mcp(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
        authorization: `Bearer ${token}`,
      },
      body: initialize,
    });

  it('serves the protected resource metadata and points 401s at it', async () => {
    const metadata = parseJson(
      await rawRequest(`${running.server.baseUrl}/.well-known/oauth-protected-resource`),
    );
    expect(metadata).toMatchObject({
      resource: audience,
      authorization_servers: [issuer],
      scopes_supported: ['mcp:read', 'mcp:write'],
    });
    const missing = await rawRequest(mcp(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: initialize,
    });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${running.server.baseUrl}/.well-known/oauth-protected-resource"`,
    );
    // The authorization server is the issuer, not this server.
    const asMetadata = `${running.server.baseUrl}/.well-known/oauth-authorization-server`;
    expect((await rawRequest(asMetadata)).status).toBe(404);
  });

  it('accepts a valid token and maps mcp:read to read-only tools, mcp:write to all', async () => {
    const reader = await connect(mcp(), await sign({ aud: audience, scope: 'mcp:read' }));
    expect((await reader.client.listTools()).tools.map((tool) => tool.name)).toEqual(
      READ_ONLY_TOOLS,
    );
    await reader.client.close();
    const writer = await connect(mcp(), await sign({ aud: audience, scope: 'mcp:write' }));
    expect((await writer.client.listTools()).tools).toHaveLength(TOOL_COUNT);
    await writer.client.close();
    const scoped = await connect(
      mcp(),
      await sign({ aud: audience, scope: 'mcp:read mcp:toolset:secrets' }),
    );
    expect((await scoped.client.listTools()).tools.map((tool) => tool.name)).toEqual([
      'list-secrets',
      'get-secret',
      'compare-environments',
      'search-secrets',
    ]);
    await scoped.client.close();
    const oldName = await connect(
      mcp(),
      await sign({ aud: audience, scope: 'mcp:write mcp:toolset:members' }),
    );
    expect((await oldName.client.listTools()).tools.map((tool) => tool.name)).toEqual(ACCESS_TOOLS);
    await oldName.client.close();
  });

  it('a mcp:secret-values:mask scope masks values for that token only', async () => {
    const args = { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' };
    const masked = await connect(
      mcp(),
      await sign({ aud: audience, scope: 'mcp:read mcp:secret-values:mask' }),
    );
    const result = await masked.client.callTool({ name: 'get-secret', arguments: args });
    expect(result.structuredContent).toMatchObject({
      secret: { secretValue: expect.stringMatching(/^<masked length=\d+ fingerprint=/) },
    });
    await masked.client.close();
    const plain = await connect(mcp(), await sign({ aud: audience, scope: 'mcp:read' }));
    const revealed = await plain.client.callTool({ name: 'get-secret', arguments: args });
    expect(revealed.structuredContent).toMatchObject({
      secret: { secretValue: 'demo-api-key-0123456789' },
    });
    await plain.client.close();
    // The audit trail names the token's subject.
    expect(running.server.output()).toContain('"principal":"agent-42","tool":"get-secret"');
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
      const response = await post(await sign(claims, options));
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      expect(response.headers['www-authenticate']).toMatch(reason);
    },
  );

  it('refuses a token without an MCP scope with 403 insufficient_scope', async () => {
    const response = await post(await sign({ aud: audience, scope: 'openid' }));
    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
  });
});

describe('start-up rules', () => {
  it('refuses --auth none off loopback, naming the option', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(
      process.execPath,
      [HTTP_BIN, '--host', '0.0.0.0', '--allowed-hosts', 'mcp.example.com'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'a',
          INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'b',
        },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^infisical-mcp-http: --auth none is refused when --host is 0.0.0.0/,
    );
  });

  it('--hash-api-key prints the SHA-256 of the key read on stdin', async () => {
    const { spawnSync } = await import('node:child_process');
    // The image's defaults (0.0.0.0, api-key auth, no keys yet) must not stop the one-shot command.
    const result = spawnSync(process.execPath, [HTTP_BIN, '--hash-api-key'], {
      input: 'my-new-key\n',
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        INFISICAL_MCP_HOST: '0.0.0.0',
        INFISICAL_MCP_AUTH: 'api-key',
      },
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(sha256('my-new-key'));
  });
});

describe('server-wide --read-only and --toolsets narrow every client', () => {
  it('a full key gets read-only tools of the listed toolsets only', async () => {
    const running = await startServerAgainstSandbox([
      '--read-only',
      '--toolsets',
      'secrets,projects',
      '--auth',
      'api-key',
      '--api-keys',
      JSON.stringify([{ id: 'admin', sha256: sha256(KEYS.admin) }]),
    ]);
    try {
      const { client } = await connect(`${running.server.baseUrl}/mcp`, KEYS.admin);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([
        'list-secrets',
        'get-secret',
        'compare-environments',
        'search-secrets',
        'list-projects',
        'get-project',
      ]);
      await client.close();
    } finally {
      await running.close();
    }
  });
});
