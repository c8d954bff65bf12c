import { allTools } from '@infisical/mcp-core';
/**
 * n8n's "MCP Client Tool" node, replayed against the built server. The connection code is copied
 * from `@n8n/n8n-nodes-langchain@2.41.1` (dist/nodes/mcp/shared/utils.js `connectMcpClient`,
 * McpClientTool/utils.js `createCallTool`, `getAllTools`) and its auth fetch from
 * `@n8n/ai-utilities@0.34.1` (`createRefreshingAuthFetch`), running on the SDK that release
 * pins exactly, `@modelcontextprotocol/sdk@1.26.0` (installed here as `mcp-sdk-pinned-by-n8n`).
 */
import { Client } from 'mcp-sdk-pinned-by-n8n/client/index.js';
import { SSEClientTransport } from 'mcp-sdk-pinned-by-n8n/client/sse.js';
import { StreamableHTTPClientTransport } from 'mcp-sdk-pinned-by-n8n/client/streamableHttp.js';
import type { FetchLike, Transport } from 'mcp-sdk-pinned-by-n8n/shared/transport.js';
import {
  CallToolResultSchema,
  CompatibilityCallToolResultSchema,
  LATEST_PROTOCOL_VERSION,
  type Tool,
} from 'mcp-sdk-pinned-by-n8n/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SandboxedHttpServer, startSandboxedHttpServer } from './support/interop-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

/** `node.type` of the MCP Client Tool: n8n sends it as `clientInfo.name`. */
const N8N_NODE_TYPE = '@n8n/n8n-nodes-langchain.mcpClientTool';
/** The node's "Timeout" option default, passed to every `callTool` as the SDK request timeout. */
const N8N_TOOL_TIMEOUT_MS = 60_000;

type N8nTransport = 'httpStreamable' | 'sse';

/**
 * Each typeVersion with the transport it uses unless the user changes it: 1 has only SSE (its
 * `sseEndpoint` parameter), 1.1 offers both and defaults to SSE, 1.2 and later default to HTTP
 * Streamable. 1.4 (the default for new nodes) caches the client per execution and evicts it on
 * any transport error.
 */
const NODE_VERSIONS: { typeVersion: number; transport: N8nTransport }[] = [
  { typeVersion: 1, transport: 'sse' },
  { typeVersion: 1.1, transport: 'sse' },
  { typeVersion: 1.2, transport: 'httpStreamable' },
  { typeVersion: 1.3, transport: 'httpStreamable' },
  { typeVersion: 1.4, transport: 'httpStreamable' },
];

/**
 * What n8n-workflow's `getMcpAuthHeaders` builds for each credential type the node offers in
 * every version. The server checks no client credentials yet: these must simply be tolerated.
 */
const BEARER_TOKEN = 'n8n-bearer-token-7f3a9c';
const CUSTOM_HEADER = { name: 'X-N8n-Api-Key', value: 'n8n-header-value-51d2e8' };
const AUTH_VARIANTS: { authentication: string; headers: Record<string, string> }[] = [
  { authentication: 'none', headers: {} },
  { authentication: 'bearerAuth', headers: { Authorization: `Bearer ${BEARER_TOKEN}` } },
  { authentication: 'headerAuth', headers: { [CUSTOM_HEADER.name]: CUSTOM_HEADER.value } },
];

interface WireExchange {
  method: string;
  url: string;
  requestHeaders: Headers;
  status?: number;
  contentType?: string | null;
}

let target: SandboxedHttpServer;

beforeAll(async () => {
  target = await startSandboxedHttpServer();
});

afterAll(async () => {
  await target?.stop();
});

/**
 * n8n's `createRefreshingAuthFetch`: the auth headers are `set` over whatever the SDK sends, on
 * every request (the SSE GET included), and redirects are taken by hand (`redirect: 'manual'`).
 * This server never redirects, so a 3xx would surface as a failed session rather than be
 * followed. Every exchange is recorded so the tests can look at the wire.
 */
function n8nAuthFetch(authHeaders: Record<string, string>, wire: WireExchange[]): FetchLike {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of new Headers(authHeaders)) headers.set(name, value);
    const exchange: WireExchange = {
      method: (init?.method ?? 'GET').toUpperCase(),
      url: String(input),
      requestHeaders: headers,
    };
    wire.push(exchange);
    const response = await fetch(input, { ...init, headers, redirect: 'manual' });
    exchange.status = response.status;
    exchange.contentType = response.headers.get('content-type');
    return response;
  };
}

function headersToRecord(
  headers: ConstructorParameters<typeof Headers>[0] | undefined,
): Record<string, string> {
  return headers ? Object.fromEntries(new Headers(headers).entries()) : {};
}

/** `connectMcpClient` from n8n, minus the URL normalisation and egress filter (not wire-visible). */
async function connectLikeN8n(options: {
  typeVersion: number;
  transport: N8nTransport;
  endpointUrl: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  wire: WireExchange[];
  /** Collects what the client reports on the side; set before connecting so nothing is missed. */
  transportErrors: Error[];
}): Promise<{ client: Client; transport: Transport }> {
  const authFetch = n8nAuthFetch(options.headers, options.wire);
  const client = new Client(
    { name: N8N_NODE_TYPE, version: options.typeVersion.toString() },
    { capabilities: {} },
  );
  // McpClientsManager (typeVersion 1.4) closes and evicts its cached client on any such error.
  client.onerror = (error) => options.transportErrors.push(error);
  const endpoint = new URL(options.endpointUrl);
  const requestInit = { signal: options.signal };
  const transport =
    options.transport === 'httpStreamable'
      ? new StreamableHTTPClientTransport(endpoint, { fetch: authFetch, requestInit })
      : new SSEClientTransport(endpoint, {
          eventSourceInit: {
            fetch: async (url, init) =>
              await authFetch(url, {
                ...init,
                headers: { ...headersToRecord(init?.headers), Accept: 'text/event-stream' },
              }),
          },
          fetch: authFetch,
          requestInit,
        });
  await client.connect(transport);
  return { client, transport };
}

/** n8n's `getAllTools`: follows `nextCursor` until the server stops sending one. */
async function getAllTools(client: Client, cursor?: string): Promise<Tool[]> {
  const { tools, nextCursor } = await client.listTools({ cursor });
  if (nextCursor) return tools.concat(await getAllTools(client, nextCursor));
  return tools;
}

function getSecretArguments() {
  return {
    projectId: target.sandbox.demo.projectId,
    environmentSlug: 'dev',
    secretName: 'API_KEY',
  };
}

describe('n8n MCP Client Tool (@n8n/n8n-nodes-langchain 2.41.1, MCP SDK 1.26.0)', () => {
  describe.each(NODE_VERSIONS)(
    'typeVersion $typeVersion ($transport)',
    ({ typeVersion, transport }) => {
      it.each(AUTH_VARIANTS)(
        'connects with $authentication auth, lists all tools, calls get-secret, closes without DELETE',
        async ({ headers }) => {
          const wire: WireExchange[] = [];
          const transportErrors: Error[] = [];
          const execution = new AbortController();
          const { client } = await connectLikeN8n({
            typeVersion,
            transport,
            endpointUrl: transport === 'httpStreamable' ? target.mcpUrl : target.sseUrl,
            headers,
            signal: execution.signal,
            wire,
            transportErrors,
          });

          expect(client.getServerVersion()?.name).toBe('infisical-mcp');
          const tools = await getAllTools(client);
          expect(tools).toHaveLength(TOOL_COUNT);
          expect(tools.map((tool) => tool.name)).toContain('get-secret');
          // The agent picks tools by their description; n8n passes it on as is.
          for (const tool of tools) expect(tool.description, tool.name).toBeTruthy();

          // The agent (supplyData) path, then the node's own execute path.
          const agentResult = await client.callTool(
            { name: 'get-secret', arguments: getSecretArguments() },
            CompatibilityCallToolResultSchema,
            { timeout: N8N_TOOL_TIMEOUT_MS, signal: execution.signal },
          );
          expect(agentResult.isError).toBeFalsy();
          expect(agentResult.structuredContent).toMatchObject({
            secret: { secretKey: 'API_KEY', secretValue: 'demo-api-key-0123456789' },
          });
          const executeResult = await client.callTool(
            { name: 'get-secret', arguments: getSecretArguments() },
            CallToolResultSchema,
            { timeout: N8N_TOOL_TIMEOUT_MS, signal: execution.signal },
          );
          expect(executeResult.isError).toBeFalsy();

          if (transport === 'httpStreamable') {
            // After a 202 to notifications/initialized the SDK opens the standalone GET stream;
            // only 200 (SSE) or 405 keep n8n's cached session, anything else raises onerror.
            const standaloneGet = await vi.waitFor(() => {
              const get = wire.find((exchange) => exchange.method === 'GET');
              if (get?.status === undefined) throw new Error('no GET stream answered yet');
              return get;
            });
            expect(standaloneGet.status === 405 || standaloneGet.status === 200).toBe(true);
            if (standaloneGet.status === 200) {
              expect(standaloneGet.contentType).toMatch(/^text\/event-stream/);
            }
            expect(standaloneGet.requestHeaders.get('mcp-session-id')).toBeTruthy();
            expect(standaloneGet.requestHeaders.get('mcp-protocol-version')).toBe(
              LATEST_PROTOCOL_VERSION,
            );
          } else {
            const eventStream = wire.find((exchange) => exchange.method === 'GET');
            expect(eventStream?.url).toBe(target.sseUrl);
            // n8n spreads the SDK's lower-cased `accept` and adds its own `Accept`, so the header
            // really goes out as "text/event-stream, text/event-stream".
            expect(eventStream?.requestHeaders.get('accept')).toBe(
              'text/event-stream, text/event-stream',
            );
            expect(eventStream?.status).toBe(200);
            expect(
              wire
                .filter((exchange) => exchange.method === 'POST')
                .map((e) => new URL(e.url).pathname),
            ).toContain('/messages');
          }

          // The credential's headers went out on every request, the event stream included.
          expect(wire.length).toBeGreaterThan(3);
          for (const exchange of wire) {
            for (const [name, value] of Object.entries(headers)) {
              expect(exchange.requestHeaders.get(name), `${exchange.method} ${exchange.url}`).toBe(
                value,
              );
            }
            expect(exchange.status, `${exchange.method} ${exchange.url}`).toBeLessThan(300);
          }

          expect(transportErrors).toEqual([]);
          const sessionId = wire
            .map((exchange) => exchange.requestHeaders.get('mcp-session-id'))
            .find(Boolean);
          await client.close();
          // SDK 1.26's close() only aborts its fetches; n8n never terminates the session.
          expect(wire.filter((exchange) => exchange.method === 'DELETE')).toEqual([]);

          if (transport === 'httpStreamable') {
            // So the session stays on the server until its idle timeout, and still answers.
            const ping = await fetch(target.mcpUrl, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                accept: 'application/json, text/event-stream',
                'mcp-session-id': sessionId ?? '',
                'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
              },
              body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
            });
            expect(ping.status).toBe(200);
            await ping.body?.cancel();
          }
        },
      );
    },
  );

  it('is never locked out: 130 workflow executions past the default cap of 100 sessions per client, none closing its session', async () => {
    // Before sessions were records, execution 101 got "Too many sessions" for 30 minutes.
    for (let execution = 0; execution < 130; execution++) {
      const wire: WireExchange[] = [];
      const transportErrors: Error[] = [];
      const abort = new AbortController();
      const { client } = await connectLikeN8n({
        typeVersion: 1.4,
        transport: 'httpStreamable',
        endpointUrl: target.mcpUrl,
        headers: {},
        signal: abort.signal,
        wire,
        transportErrors,
      });
      expect(await getAllTools(client)).toHaveLength(TOOL_COUNT);
      const result = await client.callTool(
        { name: 'get-secret', arguments: getSecretArguments() },
        CallToolResultSchema,
        { timeout: N8N_TOOL_TIMEOUT_MS, signal: abort.signal },
      );
      expect(result.isError, `execution ${execution}`).toBeFalsy();
      await client.close();
      expect(transportErrors, `execution ${execution}`).toEqual([]);
      expect(wire.filter((exchange) => exchange.method === 'DELETE')).toEqual([]);
    }
  }, 120_000);

  it('initializes with n8n clientInfo, empty capabilities and the SDK 1.26 protocol version', async () => {
    const wire: WireExchange[] = [];
    const bodies: unknown[] = [];
    const recordingFetch: FetchLike = async (input, init) => {
      if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body));
      return n8nAuthFetch({}, wire)(input, init);
    };
    const client = new Client({ name: N8N_NODE_TYPE, version: '1.4' }, { capabilities: {} });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(target.mcpUrl), { fetch: recordingFetch }),
    );
    expect(bodies[0]).toMatchObject({
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: N8N_NODE_TYPE, version: '1.4' },
      },
    });
    expect(wire[0]?.status).toBe(200);
    expect(client.getServerCapabilities()).toBeDefined();
    await client.close();
  });

  it('answers the GET that follows notifications/initialized with 200 SSE or 405, never 400/404', async () => {
    const post = (body: unknown, sessionId?: string) =>
      fetch(target.mcpUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(sessionId
            ? { 'mcp-session-id': sessionId, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION }
            : {}),
        },
        body: JSON.stringify(body),
      });
    const initialize = await post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: N8N_NODE_TYPE, version: '1.4' },
      },
    });
    expect(initialize.status).toBe(200);
    await initialize.text();
    const sessionId = initialize.headers.get('mcp-session-id');
    expect(sessionId).toBeTruthy();

    const initialized = await post(
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      sessionId ?? undefined,
    );
    // The SDK client opens the GET stream only after a 202 here.
    expect(initialized.status).toBe(202);

    const streamAbort = new AbortController();
    const standaloneGet = await fetch(target.mcpUrl, {
      method: 'GET',
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId ?? '',
        'mcp-protocol-version': LATEST_PROTOCOL_VERSION,
      },
      signal: streamAbort.signal,
    });
    try {
      expect([200, 405]).toContain(standaloneGet.status);
      if (standaloneGet.status === 200) {
        expect(standaloneGet.headers.get('content-type')).toMatch(/^text\/event-stream/);
      }
    } finally {
      streamAbort.abort();
    }
  });

  it('never logs the credential values n8n sends', async () => {
    // Runs after the matrix above, which sent both credentials on every request.
    expect(target.server.output()).toContain('session opened');
    expect(target.server.output()).not.toContain(BEARER_TOKEN);
    expect(target.server.output()).not.toContain(CUSTOM_HEADER.value);
  });
});
