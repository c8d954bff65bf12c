import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { CLI_BIN, runCli, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let credentials: Record<string, string>;

const LOGIN = 'POST /api/v1/auth/universal-auth/login';
const GET_SECRET = 'GET /api/v4/secrets/:secretName';
const REVOKE = 'POST /api/v1/auth/token/revoke';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  credentials = sandboxCredentials(sandbox);
});

afterAll(async () => {
  await sandbox?.close();
});

const getApiKey = () => ({
  projectId: sandbox.demo.projectId,
  environmentSlug: 'dev',
  secretName: 'API_KEY',
});

describe('token strategies, counted at the sandbox', () => {
  it('cached: one login, then exactly one Infisical request per read call', async () => {
    await admin.resetStats();
    const server = await spawnStdioServer(credentials);
    try {
      for (let i = 0; i < 5; i++) {
        const result = await server.call('get-secret', getApiKey());
        expect(result.isError).toBeFalsy();
      }
      const stats = await admin.stats();
      expect(stats.requests[LOGIN]).toBe(1);
      expect(stats.requests[GET_SECRET]).toBe(5);
      expect(stats.total).toBe(6);
    } finally {
      await server.close();
    }
  });

  it('per-call: one login for every tool call, its token revoked after the call', async () => {
    await admin.resetStats();
    const server = await spawnStdioServer({ ...credentials, INFISICAL_TOKEN_STRATEGY: 'per-call' });
    try {
      for (let i = 0; i < 4; i++) {
        expect((await server.call('get-secret', getApiKey())).isError).toBeFalsy();
      }
      await expect.poll(async () => (await admin.stats()).requests[REVOKE]).toBe(4);
      const stats = await admin.stats();
      expect(stats.requests[LOGIN]).toBe(4);
      expect(stats.requests[GET_SECRET]).toBe(4);
    } finally {
      await server.close();
    }
  });

  it('a token that expires mid-session is replaced without the caller noticing', async () => {
    const server = await spawnStdioServer(credentials);
    try {
      expect((await server.call('get-secret', getApiKey())).isError).toBeFalsy();
      await admin.resetStats();
      await admin.expireTokens();
      const result = await server.call('get-secret', getApiKey());
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ secret: { secretKey: 'API_KEY' } });
      const stats = await admin.stats();
      expect(stats.requests[GET_SECRET]).toBe(2);
      expect(stats.requests[LOGIN]).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('access-token: uses INFISICAL_TOKEN and never logs in', async () => {
    const login = await fetch(`${sandbox.url}/api/v1/auth/universal-auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: sandbox.demo.clientId,
        clientSecret: sandbox.demo.clientSecret,
      }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    await admin.resetStats();
    const server = await spawnStdioServer({
      INFISICAL_HOST_URL: sandbox.url,
      INFISICAL_AUTH_METHOD: 'access-token',
      INFISICAL_TOKEN: accessToken,
    });
    try {
      expect((await server.call('get-secret', getApiKey())).isError).toBeFalsy();
      expect((await admin.stats()).requests[LOGIN]).toBeUndefined();
      expect(server.stderr()).not.toContain(accessToken);
    } finally {
      await server.close();
    }
  });

  it('logs a host URL with user info masked, and still serves calls', async () => {
    const withUserInfo = sandbox.url.replace('://', '://mcp-user:host-url-password@');
    const server = await spawnStdioServer({ ...credentials, INFISICAL_HOST_URL: withUserInfo });
    try {
      expect((await server.call('get-secret', getApiKey())).isError).toBeFalsy();
      expect(server.stderr()).toContain(`"host":"${sandbox.url.replace('://', '://***@')}"`);
      expect(server.stderr()).not.toContain('host-url-password');
    } finally {
      await server.close();
    }
  });

  it('a host URL that redirects is a tool error naming the target; the login is not followed there', async () => {
    let followed = 0;
    const target = createServer((_request, response) => {
      followed++;
      response.end('{}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const redirecting = createServer((request, response) => {
      response.writeHead(308, { location: `${targetUrl}${request.url}` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const server = await spawnStdioServer({
      ...credentials,
      INFISICAL_HOST_URL: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
    });
    try {
      const result = await server.call('list-projects');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(
        `failed with 308: it redirects to ${targetUrl}/api/v1/auth/universal-auth/login`,
      );
      expect(followed).toBe(0);
      expect(server.stderr()).not.toContain(credentials.INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET);
    } finally {
      await server.close();
      redirecting.close();
      target.close();
    }
  });

  it('wrong credentials are a tool error that says what to check', async () => {
    const server = await spawnStdioServer({
      ...credentials,
      INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'wrong-secret',
    });
    try {
      const result = await server.call('list-projects');
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/failed with 401/);
      expect(textOf(result)).toMatch(/check the machine identity/);
      expect(server.stderr()).not.toContain('wrong-secret');
    } finally {
      await server.close();
    }
  });
});

describe('the official server switches', () => {
  it('INFISICAL_ENABLED_TOOLS limits the tools listed and callable', async () => {
    const server = await spawnStdioServer({
      ...credentials,
      INFISICAL_ENABLED_TOOLS: 'list-projects, get-secret',
    });
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['get-secret', 'list-projects']);
      await expect(server.call('delete-secret', { ...getApiKey() })).rejects.toMatchObject({
        message: expect.stringContaining('not enabled on this server'),
      });
      expect(
        (await admin.secrets(sandbox.demo.projectId, 'dev')).some((s) => s.key === 'API_KEY'),
      ).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('INFISICAL_MASK_SECRET_VALUES=true masks values (as --secret-values mask)', async () => {
    const server = await spawnStdioServer({ ...credentials, INFISICAL_MASK_SECRET_VALUES: 'true' });
    try {
      const result = await server.call('get-secret', getApiKey());
      expect(result.structuredContent).toMatchObject({
        secret: {
          secretKey: 'API_KEY',
          secretValue: expect.stringMatching(/^<masked length=\d+ fingerprint=[0-9a-f]{12}>$/),
        },
      });
      const stored = (await admin.secrets(sandbox.demo.projectId, 'dev')).find(
        (s) => s.key === 'API_KEY',
      );
      expect(textOf(result)).not.toContain(stored?.value);
    } finally {
      await server.close();
    }
  });
});

describe('read-only mode and toolsets', () => {
  it.each([
    ['INFISICAL_READ_ONLY=true', { INFISICAL_READ_ONLY: 'true' }, []],
    ['--read-only', {}, ['--read-only']],
  ])('%s serves only read-only tools and refuses writes', async (_label, env, args) => {
    const server = await spawnStdioServer({ ...credentials, ...env }, args);
    try {
      const { tools } = await server.client.listTools();
      expect(tools.length).toBeGreaterThan(0);
      expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
      const before = await admin.state();
      await expect(
        server.call('create-secret', {
          ...getApiKey(),
          secretName: 'READ_ONLY_WRITE',
          secretValue: 'x',
        }),
      ).rejects.toMatchObject({ message: expect.stringContaining('not enabled on this server') });
      expect(await admin.state()).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('--toolsets (or INFISICAL_TOOLSETS) serves only those toolsets', async () => {
    const server = await spawnStdioServer(credentials, ['--toolsets', 'projects,environments']);
    try {
      const { tools } = await server.client.listTools();
      expect(new Set(tools.map((tool) => tool.name))).toEqual(
        new Set([
          'create-project',
          'list-projects',
          'get-project',
          'update-project',
          'delete-project',
          'create-environment',
          'list-environments',
          'update-environment',
          'delete-environment',
        ]),
      );
    } finally {
      await server.close();
    }
  });
});

describe('start-up', () => {
  it.each([
    [{}, /^infisical-mcp: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID is not set/],
    [{ INFISICAL_AUTH_METHOD: 'access-token' }, /^infisical-mcp: INFISICAL_TOKEN is not set/],
    [
      {
        INFISICAL_ENABLED_TOOLS: 'get-secret,rm-rf',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'a',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'b',
      },
      /^infisical-mcp: INFISICAL_ENABLED_TOOLS: Unknown tool name: rm-rf/,
    ],
    [
      {
        INFISICAL_TOOLSETS: 'secrets,vaults',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'a',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'b',
      },
      /^infisical-mcp: INFISICAL_TOOLSETS: unknown toolset vaults/,
    ],
    [
      {
        INFISICAL_HOST_URL: 'ftp://x',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'a',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'b',
      },
      /^infisical-mcp: INFISICAL_HOST_URL must start with https:\/\/ or http:\/\//,
    ],
    [
      {
        INFISICAL_HOST_URL: 'ftp://mcp-user:host-url-password@x',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'a',
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'b',
      },
      // The password is masked, not echoed.
      /^infisical-mcp: INFISICAL_HOST_URL must start with https:\/\/ or http:\/\/ \("ftp:\/\/\*\*\*@x"\)\.$/m,
    ],
  ])('stops with one line naming the variable (%o)', async (env, message) => {
    const { code, stdout, stderr } = await runCli(env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('rejects unknown flags with exit code 1, like every configuration error', async () => {
    const { code, stdout, stderr } = await runCli({}, ['--sandbx']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^infisical-mcp: Unknown option '--sandbx'.*see --help/);
  });

  it.each([
    [['--help'], /^Usage: infisical-mcp \[options\]/],
    [['-h'], /^Usage: infisical-mcp \[options\]/],
    [['--version'], /^\d+\.\d+\.\d+\n$/],
    [['-v'], /^\d+\.\d+\.\d+\n$/],
  ])('%o prints to stdout and exits 0, whatever else is set', async (args, output) => {
    // Settings that would stop a server do not stop a question about it.
    const { code, stdout, stderr } = await runCli({ INFISICAL_MCP_PORT_UNUSED: 'x' }, args);
    expect(code).toBe(0);
    expect(stdout).toMatch(output);
    expect(stderr).toBe('');
  });

  it('--help lists every option with its variable and default, from the declarations', async () => {
    const { stdout } = await runCli({}, ['--help']);
    expect(stdout).toMatch(/--secret-values <reveal\|mask\|deny> {2}\[INFISICAL_SECRET_VALUES\]/);
    expect(stdout).toContain('[INFISICAL_SECRET_VALUES] (default reveal)');
    expect(stdout).toMatch(/^ {2}INFISICAL_REQUEST_TIMEOUT_MS \(default 15000\)$/m);
    expect(stdout).toMatch(/^ {2}DEBUG\b/m);
  });

  it.each([
    [
      ['--sandbox', '--secret-values', 'hide'],
      {},
      /^infisical-mcp: --secret-values: expected one of reveal, mask, deny, got "hide"\.$/m,
    ],
    [
      ['--sandbox'],
      { INFISICAL_TOKEN_STRATEGY: 'never' },
      /^infisical-mcp: INFISICAL_TOKEN_STRATEGY: expected one of cached, per-call, got "never"\.$/m,
    ],
    [
      ['--sandbox'],
      { INFISICAL_MCP_LOG_LEVEL: 'loud' },
      /^infisical-mcp: INFISICAL_MCP_LOG_LEVEL: expected one of fatal/,
    ],
    [
      ['--sandbox', '--audit-log', 'stdout'],
      {},
      /^infisical-mcp: --audit-log stdout is not possible over stdio/,
    ],
  ])(
    'with --sandbox, a bad setting %o %o exits 1 before the banner',
    async (args, env, message) => {
      const { code, stdout, stderr } = await runCli(env, args);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).not.toContain('SANDBOX');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    },
  );

  it.each([
    ['DEBUG=infisical-mcp:*', { DEBUG: 'infisical-mcp:*' }, true],
    ['INFISICAL_MCP_LOG_LEVEL=debug', { INFISICAL_MCP_LOG_LEVEL: 'debug' }, true],
    ['no switch', {}, false],
    [
      'DEBUG with a level set',
      { DEBUG: 'infisical-mcp:*', INFISICAL_MCP_LOG_LEVEL: 'info' },
      false,
    ],
  ])('%s: debug logs on stderr %s', async (_label, env, debug) => {
    // The helper turns debug on by default; here only the switch under test may.
    const server = await spawnStdioServer({
      ...credentials,
      INFISICAL_MCP_LOG_LEVEL: undefined,
      ...env,
    });
    try {
      expect((await server.call('list-projects')).isError).toBeFalsy();
      // pino's level 20 is debug; the Infisical client logs each request at debug.
      expect(server.stderr().includes('"level":20')).toBe(debug);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['--sandbox', {}, ['--sandbox']],
    ['INFISICAL_MCP_SANDBOX=true', { INFISICAL_MCP_SANDBOX: 'true' }, []],
  ])('%s serves the in-memory sandbox and says so loudly', async (_label, env, args) => {
    const server = await spawnStdioServer(env, args);
    try {
      const result = await server.call('list-projects');
      const { projects } = result.structuredContent as { projects: { name: string }[] };
      expect(projects.map((project) => project.name)).toContain('Demo Project');
      expect(server.stderr()).toContain('SANDBOX MODE');
      expect(server.stderr()).toContain('Nothing is stored');
    } finally {
      await server.close();
    }
  });

  it('answers unreadable stdin lines with JSON-RPC errors and keeps serving', async () => {
    const child = spawn(process.execPath, [CLI_BIN], {
      env: { PATH: process.env.PATH ?? '', ...credentials },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const lines = createInterface({ input: child.stdout });
    const replies: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        replies.push(JSON.parse(line));
        if (replies.length === 3) resolve();
      });
    });
    child.stdin.write('this is not json\n');
    child.stdin.write('{"hello":"world"}\n');
    child.stdin.write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        },
      })}\n`,
    );
    await done;
    child.stdin.end();
    expect(replies[0]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect(replies[1]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    expect(replies[2]).toMatchObject({
      id: 1,
      result: { serverInfo: { name: 'infisical-mcp' }, protocolVersion: '2025-06-18' },
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });
});
