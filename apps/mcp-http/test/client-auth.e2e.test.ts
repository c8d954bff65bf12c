import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { allTools } from '@infisical/mcp-core';
import { startTestTokenIssuer, type TestTokenIssuer } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { HTTP_BIN } from './support/spawn-http-server.js';

/*
 * What a key's or a token's settings narrow, and the start-up rules of the binary. How clients
 * authenticate to the transports is tested in-process in packages/transport-http (client-auth).
 */

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
});

describe('--auth oauth (resource server)', () => {
  let running: ServerAgainstSandbox;
  let tokens: TestTokenIssuer;
  let issuer: string;
  const sign: TestTokenIssuer['sign'] = (claims, options) => tokens.sign(claims, options);
  const audience = 'https://mcp.example.com/mcp';

  beforeAll(async () => {
    tokens = await startTestTokenIssuer();
    issuer = tokens.issuer;
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
    await tokens?.close();
  });

  const mcp = () => `${running.server.baseUrl}/mcp`;

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
