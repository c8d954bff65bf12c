import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '@infisical/mcp-sandbox';
import {
  type CallTool,
  exerciseEveryTool,
  findLeaks,
  Needles,
  recordIssuedTokens,
  SandboxAdminClient,
  sdkCaller,
  seedUniqueSecrets,
  unexpectedOutcomes,
} from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawRequest, STREAMABLE_ACCEPT } from './support/raw-http.js';
import { sandboxEnvironment } from './support/server-against-sandbox.js';
import { spawnHttpServer } from './support/spawn-http-server.js';

/**
 * The redaction scan of issue 5: unique secret values seeded in the sandbox and sent by clients,
 * every tool called (succeeding, refused by Infisical, failed by injected faults, refused for
 * invalid arguments) over every transport, with trace logging, in each client auth mode; then
 * no value, client secret, access token, API key or OAuth token may appear in the server's
 * stdout, stderr or /metrics.
 */

const hex = () => randomBytes(16).toString('hex');

/** An SDK transport over `ws`, which (unlike the SDK's) can send headers and subprotocols. */
class WsClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  private socket?: WebSocket;

  constructor(
    private readonly url: string,
    private readonly protocols: string[],
    private readonly headers: Record<string, string> = {},
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, this.protocols, { headers: this.headers });
      this.socket = socket;
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      );
      socket.on('error', (error) => this.onerror?.(error));
      socket.on('message', (data) => this.onmessage?.(JSON.parse(data.toString())));
      socket.on('close', () => this.onclose?.());
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.socket?.send(JSON.stringify(message));
  }

  async close(): Promise<void> {
    this.socket?.close();
  }

  /** Sends a frame as is, for input the SDK client would never send. */
  sendRaw(text: string): void {
    this.socket?.send(text);
  }
}

/** The upgrade's outcome: "open", or the HTTP status it was refused with. */
function upgradeOutcome(url: string, protocols: string[], headers: Record<string, string> = {}) {
  return new Promise<string>((resolve) => {
    const socket = new WebSocket(url, protocols, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => resolve(`${response.statusCode}`));
    socket.once('error', (error) => resolve(error.message));
  });
}

/** tools/call as curl would send it: one POST, no session, a JSON answer. */
function plainJsonRpcCaller(mcpUrl: string, headers: Record<string, string>): CallTool {
  let id = 0;
  return async (name, args) => {
    const response = await rawRequest(mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method: 'tools/call',
        params: { name, arguments: args },
      }),
    });
    const body = JSON.parse(response.body) as { result?: { isError?: boolean }; error?: unknown };
    return {
      tool: name,
      failed: body.error !== undefined || body.result?.isError === true,
      text: response.body,
    };
  };
}

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A local OAuth issuer: a JWKS endpoint and a signer, trusted or not. */
async function startIssuer() {
  const trusted = await generateKeyPair('RS256');
  const rogue = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(trusted.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (
    audience: string,
    { expiresIn = '10m', key = trusted.privateKey }: { expiresIn?: string; key?: SigningKey } = {},
  ) =>
    new SignJWT({ scope: 'mcp:write' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('leak-scan-agent')
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);
  return {
    issuer,
    sign,
    rogueKey: rogue.privateKey,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const AUDIENCE = 'https://mcp.example.com/mcp';

interface ModeSetup {
  args: string[];
  /** What a good client presents; in `none` mode a bearer the server ignores. */
  credential: string;
  /** Credentials the server must refuse with 401. */
  refused: string[];
  close?: () => Promise<unknown>;
}

async function setUpMode(mode: 'none' | 'api-key' | 'oauth', needles: Needles): Promise<ModeSetup> {
  if (mode === 'none') {
    return { args: [], credential: needles.add('api key', `ignored-${hex()}`), refused: [] };
  }
  if (mode === 'api-key') {
    const key = needles.add('api key', `key-${hex()}`);
    const sha256 = createHash('sha256').update(key).digest('hex');
    return {
      args: ['--auth', 'api-key', '--api-keys', JSON.stringify([{ id: 'scanner', sha256 }])],
      credential: key,
      refused: [needles.add('api key', `wrong-${hex()}`), needles.add('api key', key.slice(0, -1))],
    };
  }
  const issuer = await startIssuer();
  const token = needles.add('oauth token', await issuer.sign(AUDIENCE));
  return {
    args: ['--auth', 'oauth', '--oauth-issuer', issuer.issuer, '--oauth-audience', AUDIENCE],
    credential: token,
    refused: [
      needles.add('oauth token', await issuer.sign(AUDIENCE, { expiresIn: '-1m' })),
      needles.add('oauth token', await issuer.sign('https://elsewhere.example.com')),
      needles.add('oauth token', await issuer.sign(AUDIENCE, { key: issuer.rogueKey })),
    ],
    close: issuer.close,
  };
}

const running: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const item of running.reverse()) await item.close().catch(() => {});
});

describe.each(['none', 'api-key', 'oauth'] as const)('redaction scan with --auth %s', (mode) => {
  it('leaks no secret value, client secret, token or key to stdout, stderr or /metrics', async () => {
    const needles = new Needles();
    const sandbox = await startSandbox({ port: 0 });
    running.push(sandbox);
    recordIssuedTokens(sandbox, needles);
    const projectId = sandbox.demo.projectId;
    needles.add('client secret', sandbox.demo.clientSecret);
    const seeded = seedUniqueSecrets(sandbox, projectId, needles);
    // Clients that bring their own Infisical identity: by access token, by client id + secret.
    const ownToken = sandbox.state.createIdentity({ name: 'by-token', projectIds: [projectId] });
    const ownUniversal = sandbox.state.createIdentity({ name: 'by-ua', projectIds: [projectId] });
    needles.add('client secret', ownToken.clientSecret);
    needles.add('client secret', ownUniversal.clientSecret);

    const setup = await setUpMode(mode, needles);
    if (setup.close) running.push({ close: setup.close });
    const server = await spawnHttpServer(
      { ...sandboxEnvironment(sandbox), INFISICAL_MCP_LOG_LEVEL: 'trace' },
      setup.args,
    );
    running.push({ close: () => server.stop() });
    const base = server.baseUrl;
    const bearer = { authorization: `Bearer ${setup.credential}` };
    const admin = new SandboxAdminClient(sandbox.url);

    const sdkClient = async (transport: Transport) => {
      const client = new Client({ name: 'leak-scan', version: '1.0.0' });
      await client.connect(transport);
      return { call: sdkCaller(client), close: () => client.close() };
    };
    const transports: [string, () => Promise<{ call: CallTool; close(): Promise<void> }>][] = [
      [
        'streamable',
        () =>
          sdkClient(
            new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
              requestInit: { headers: bearer },
            }),
          ),
      ],
      [
        'own-token',
        () =>
          sdkClient(
            new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
              requestInit: {
                headers: {
                  ...bearer,
                  // Issued now: an earlier exercise expired every token issued before it.
                  'x-infisical-token': sandbox.state.issueAccessToken(ownToken.id).token,
                },
              },
            }),
          ),
      ],
      [
        'own-universal-auth',
        () =>
          sdkClient(
            new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
              requestInit: {
                headers: {
                  ...bearer,
                  'x-infisical-client-id': ownUniversal.clientId,
                  'x-infisical-client-secret': ownUniversal.clientSecret,
                },
              },
            }),
          ),
      ],
      [
        'plain',
        async () => ({ call: plainJsonRpcCaller(`${base}/mcp`, bearer), close: async () => {} }),
      ],
      [
        'sse',
        () =>
          sdkClient(
            new SSEClientTransport(new URL(`${base}/sse`), { requestInit: { headers: bearer } }),
          ),
      ],
      [
        'ws',
        () =>
          sdkClient(new WsClientTransport(`${base.replace(/^http/, 'ws')}/ws`, ['mcp'], bearer)),
      ],
      [
        'ws-port',
        () =>
          sdkClient(
            new WsClientTransport(server.websocketUrl as string, [
              'mcp',
              `bearer.${setup.credential}`,
            ]),
          ),
      ],
    ];

    const problems: string[] = [];
    for (const [label, open] of transports) {
      const client = await open();
      const outcomes = await exerciseEveryTool(client.call, {
        admin,
        projectId,
        label: `${mode}-${label}`,
        needles,
      });
      await client.close();
      const renewableToken = label !== 'own-token';
      problems.push(
        ...unexpectedOutcomes(outcomes, { renewableToken }).map((p) => `${label}: ${p}`),
      );
      // The values did reach the client: the scan below is not vacuous.
      expect(outcomes.get('get-deep')?.text, label).toContain(seeded.deep);
      expect(outcomes.get('list-seeded')?.text, label).toContain(seeded.top);
    }
    expect(problems).toEqual([]);

    // Bodies and frames that are not JSON, around a value: parse errors quote their input.
    const unquoted = needles.value();
    const malformed = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create-secret","arguments":{"secretValue": ${unquoted}}}}`;
    const json = { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT, ...bearer };
    for (const path of ['/mcp', `/messages?sessionId=${hex()}`]) {
      const response = await rawRequest(`${base}${path}`, {
        method: 'POST',
        headers: json,
        body: malformed,
      });
      expect(response.status, path).toBe(400);
    }
    const raw = new WsClientTransport(`${base.replace(/^http/, 'ws')}/ws`, ['mcp'], bearer);
    const parseError = new Promise<JSONRPCMessage>((resolve) => {
      raw.onmessage = resolve;
    });
    await raw.start();
    raw.sendRaw(malformed);
    expect(await parseError).toMatchObject({ error: { code: -32700 } });
    await raw.close();

    // Refused clients: every credential they present must stay out of the logs too.
    for (const credential of setup.refused) {
      const refusedBearer = { authorization: `Bearer ${credential}` };
      const statuses = [
        await rawRequest(`${base}/mcp`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: STREAMABLE_ACCEPT,
            ...refusedBearer,
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        }),
        await rawRequest(`${base}/sse`, {
          headers: { accept: 'text/event-stream', ...refusedBearer },
        }),
        await rawRequest(`${base}/messages?sessionId=${hex()}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...refusedBearer },
          body: '{}',
        }),
      ].map((response) => response.status);
      statuses.push(
        Number(
          await upgradeOutcome(`${base.replace(/^http/, 'ws')}/ws`, [
            'mcp',
            `bearer.${credential}`,
          ]),
        ),
        Number(await upgradeOutcome(server.websocketUrl as string, ['mcp'], refusedBearer)),
      );
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
    }
    if (mode !== 'none') {
      expect((await rawRequest(`${base}/mcp`, { method: 'POST', body: '{}' })).status).toBe(401);
    }

    const metrics = (
      await rawRequest(`${base}/metrics`, {
        headers: { authorization: `Bearer ${setup.credential}` },
      })
    ).body;
    const probes = [
      (await rawRequest(`${base}/health`)).body,
      (await rawRequest(`${base}/ready`)).body,
    ].join('\n');
    expect(metrics).toContain('mcp_tool_calls_total');
    expect(metrics).toContain('infisical_requests_total');
    expect(metrics).toContain('mcp_tool_calls_total{tool="unknown",outcome="protocol_error"}');
    expect(await server.stop()).toBe(0);
    const output = server.output();
    // Trace logging was on and the failures were logged, locations included; values were not.
    expect(output).toContain('"level":20');
    expect(output).toContain('Infisical request failed');
    expect(output).toContain('LEAK_');
    if (mode !== 'none') expect(output).toContain('refused a client');

    const leaks = [
      ...findLeaks(output, needles, 'server stdout+stderr'),
      ...findLeaks(metrics, needles, '/metrics'),
      ...findLeaks(probes, needles, '/health and /ready'),
    ];
    // A parse error would quote only the start of the value.
    expect(output).not.toContain(unquoted.slice(0, 10));
    expect(leaks).toEqual([]);
    expect(needles.values('access token').length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
