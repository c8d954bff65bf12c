import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTools } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fetchTrusting } from './support/https-fetch.js';
import { parseJson, rawRequest } from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { HTTP_BIN, type SpawnedHttpServer, spawnHttpServer } from './support/spawn-http-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** A self-signed certificate for localhost and 127.0.0.1, and its key, made by openssl. */
function makeCertificate(directory: string, name: string) {
  const cert = join(directory, `${name}.crt`);
  const key = join(directory, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

const WARNING = 'WARNING: serving plain HTTP';
const API_KEY = 'tls-test-key-0123456789';
const API_KEY_ARGS = [
  '--auth',
  'api-key',
  '--api-keys',
  JSON.stringify([{ id: 'tls', sha256: createHash('sha256').update(API_KEY).digest('hex') }]),
];
/** Off loopback: every interface, a Host allow-list, and client authentication. */
const OFF_LOOPBACK = [
  '--host',
  '0.0.0.0',
  '--allowed-hosts',
  'localhost,mcp.example.com',
  ...API_KEY_ARGS,
];
const FAKE_INFISICAL = {
  INFISICAL_HOST_URL: 'http://127.0.0.1:9',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'client-id',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'client-secret',
};

/** The JSON log lines of a server's output. */
function logLines(output: string): { level: number; msg: string; [key: string]: unknown }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/** A server bound to 0.0.0.0 is reached at 127.0.0.1 on the port it reported. */
function loopbackUrl(server: SpawnedHttpServer): string {
  const url = new URL(server.baseUrl);
  return `${url.protocol}//127.0.0.1:${url.port}`;
}

let directory: string;
let pem: { cert: string; key: string };

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'mcp-tls-'));
  if (hasOpenssl) pem = makeCertificate(directory, 'server');
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe.skipIf(!hasOpenssl)('HTTPS and WSS served directly (--tls-cert, --tls-key)', () => {
  let running: ServerAgainstSandbox;
  let ca: Buffer;

  beforeAll(async () => {
    ca = readFileSync(pem.cert);
    running = await startServerAgainstSandbox(['--tls-cert', pem.cert, '--tls-key', pem.key]);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('serves Streamable HTTP over HTTPS to the SDK client', async () => {
    expect(running.server.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const client = new Client({ name: 'tls-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${running.server.baseUrl}/mcp`), {
        fetch: fetchTrusting(ca),
      }),
    );
    expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
    const result = await client.callTool({
      name: 'get-secret',
      arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
    });
    expect(result.isError).toBeFalsy();
    await client.close();
  });

  it('serves legacy SSE over HTTPS', async () => {
    const client = new Client({ name: 'tls-sse', version: '1.0.0' });
    await client.connect(
      new SSEClientTransport(new URL(`${running.server.baseUrl}/sse`), {
        fetch: fetchTrusting(ca),
      }),
    );
    expect((await client.listTools()).tools).toHaveLength(TOOL_COUNT);
    await client.close();
  });

  it('serves WSS on /ws and on the second port', async () => {
    const urls = [
      `${running.server.baseUrl.replace(/^https/, 'wss')}/ws`,
      running.server.websocketUrl as string,
    ];
    expect(urls[1]).toMatch(/^wss:\/\//);
    for (const url of urls) {
      const socket = new WebSocket(url, 'mcp', { ca });
      const answer = new Promise<Record<string, unknown>>((resolve, reject) => {
        socket.once('message', (data) => resolve(JSON.parse(data.toString())));
        socket.once('error', reject);
      });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      socket.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'wss', version: '1' },
          },
        }),
      );
      expect(await answer, url).toMatchObject({
        id: 1,
        result: { serverInfo: { name: 'infisical-mcp' } },
      });
      socket.close();
    }
  });

  it('names https and wss URLs in the discovery document', async () => {
    const response = await fetchTrusting(ca)(`${running.server.baseUrl}/mcp`);
    const discovery = (await response.json()) as {
      transports: { streamableHttp: { url: string }; websocket: { urls: string[] } };
    };
    expect(discovery.transports.streamableHttp.url).toBe(`${running.server.baseUrl}/mcp`);
    expect(discovery.transports.websocket.urls).toEqual([
      `${running.server.baseUrl.replace(/^https/, 'wss')}/ws`,
      running.server.websocketUrl,
    ]);
  });

  it('does not answer plain HTTP on the TLS port, and refuses a client that does not trust the certificate', async () => {
    await expect(
      rawRequest(`${running.server.baseUrl.replace(/^https/, 'http')}/health`),
    ).rejects.toThrow();
    await expect(fetch(`${running.server.baseUrl}/health`)).rejects.toThrow();
  });

  it('logs that TLS is on, and no plain-HTTP warning', () => {
    const lines = logLines(running.server.output());
    expect(lines.find((line) => line.msg === 'Infisical MCP HTTP server listening')).toMatchObject({
      tls: true,
      behindProxy: false,
      mcp: `${running.server.baseUrl}/mcp`,
    });
    expect(running.server.output()).not.toContain(WARNING);
  });
});

describe('the plain-HTTP warning', () => {
  const servers: SpawnedHttpServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  async function start(args: string[], env: Record<string, string> = {}) {
    const server = await spawnHttpServer({ ...FAKE_INFISICAL, ...env }, args);
    servers.push(server);
    return server;
  }

  it('is logged loudly, once, when bound off loopback without TLS or --behind-proxy', async () => {
    const server = await start(OFF_LOOPBACK);
    const warnings = logLines(server.output()).filter((line) => line.msg.startsWith(WARNING));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 40,
      host: '0.0.0.0',
      tls: false,
      behindProxy: false,
    });
    expect(warnings[0]?.msg).toContain('--tls-cert');
    expect(warnings[0]?.msg).toContain('--behind-proxy');
  });

  it('is not logged on loopback', async () => {
    const server = await start([]);
    expect(server.output()).toContain('Infisical MCP HTTP server listening');
    expect(server.output()).not.toContain(WARNING);
  });

  it.skipIf(!hasOpenssl)('is not logged off loopback with TLS', async () => {
    const server = await start([...OFF_LOOPBACK, '--tls-cert', pem.cert, '--tls-key', pem.key]);
    expect(server.baseUrl).toMatch(/^https:/);
    expect(server.output()).not.toContain(WARNING);
  });

  it('is not logged behind a proxy, which is then trusted for the protocol and host', async () => {
    const byFlag = await start([...OFF_LOOPBACK, '--behind-proxy']);
    const byEnv = await start(OFF_LOOPBACK, { INFISICAL_MCP_BEHIND_PROXY: 'true' });
    for (const server of [byFlag, byEnv]) {
      expect(server.output()).not.toContain(WARNING);
      const discovery = parseJson<{ transports: { streamableHttp: { url: string } } }>(
        await rawRequest(`${loopbackUrl(server)}/mcp`, {
          headers: {
            host: 'localhost',
            authorization: `Bearer ${API_KEY}`,
            'x-forwarded-proto': 'https',
            'x-forwarded-host': 'mcp.example.com',
          },
        }),
      );
      expect(discovery.transports.streamableHttp.url).toBe('https://mcp.example.com/mcp');
    }
  });

  it('warns when a proxy fronts a server without client authentication', async () => {
    const open = await start(['--behind-proxy']);
    const warnings = logLines(open.output()).filter((line) => line.msg.startsWith('WARNING'));
    expect(warnings).toMatchObject([
      {
        level: 40,
        clientAuth: 'none',
        msg: expect.stringContaining('behind a proxy without client authentication'),
      },
    ]);
    const authenticated = await start([...API_KEY_ARGS, '--behind-proxy']);
    expect(authenticated.output()).not.toContain('WARNING');
  });

  it('without --behind-proxy, X-Forwarded-* headers are ignored', async () => {
    const server = await start(OFF_LOOPBACK);
    const port = new URL(server.baseUrl).port;
    const discovery = parseJson<{ transports: { streamableHttp: { url: string } } }>(
      await rawRequest(`${loopbackUrl(server)}/mcp`, {
        headers: {
          host: `localhost:${port}`,
          authorization: `Bearer ${API_KEY}`,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'evil.example.com',
        },
      }),
    );
    expect(discovery.transports.streamableHttp.url).toBe(`http://localhost:${port}/mcp`);
  });
});

describe('TLS settings', () => {
  function run(args: string[], env: Record<string, string> = {}) {
    return spawnSync(process.execPath, [HTTP_BIN, '--port', '0', '--ws-port', '0', ...args], {
      env: { PATH: process.env.PATH ?? '', ...FAKE_INFISICAL, ...env },
      encoding: 'utf8',
      timeout: 10_000,
    });
  }
  const ourLine = (stderr: string) =>
    stderr.split('\n').filter((line) => line.startsWith('infisical-mcp-http:'));

  it('--help lists the TLS options with their environment variables', () => {
    const help = run(['--help']).stdout.split('\n');
    for (const [flag, env] of [
      ['--tls-cert', 'INFISICAL_MCP_TLS_CERT_FILE'],
      ['--tls-key', 'INFISICAL_MCP_TLS_KEY_FILE'],
      ['--behind-proxy', 'INFISICAL_MCP_BEHIND_PROXY'],
    ]) {
      expect(
        help.find((line) => line.startsWith(`  ${flag} `)),
        flag,
      ).toContain(env);
    }
  });

  it('needs both a certificate and a key', () => {
    const result = run(['--tls-cert', '/nonexistent.crt']);
    expect(result.status).toBe(1);
    expect(ourLine(result.stderr)).toEqual([
      'infisical-mcp-http: --tls-key is required with --tls-cert: HTTPS needs both a certificate and its key.',
    ]);
  });

  it('names the variable of a file it cannot read', () => {
    const result = run([], {
      INFISICAL_MCP_TLS_CERT_FILE: '/nonexistent.crt',
      INFISICAL_MCP_TLS_KEY_FILE: '/nonexistent.key',
    });
    expect(result.status).toBe(1);
    expect(ourLine(result.stderr)[0]).toMatch(
      /^infisical-mcp-http: INFISICAL_MCP_TLS_CERT_FILE: cannot read \/nonexistent\.crt \(ENOENT\)/,
    );
  });

  it.skipIf(!hasOpenssl)('refuses a key that is not the certificate’s, without printing it', () => {
    const other = makeCertificate(directory, 'other');
    const result = run(['--tls-cert', pem.cert, '--tls-key', other.key]);
    expect(result.status).toBe(1);
    expect(ourLine(result.stderr)[0]).toMatch(
      /--tls-key: .* is not the private key of the certificate/,
    );
    expect(result.stderr).not.toContain('PRIVATE KEY');
  });

  it.skipIf(!hasOpenssl)('refuses a file that is not a certificate', () => {
    const result = run(['--tls-cert', pem.key, '--tls-key', pem.key]);
    expect(result.status).toBe(1);
    expect(ourLine(result.stderr)[0]).toMatch(/--tls-cert: .* is not a PEM certificate/);
  });
});
