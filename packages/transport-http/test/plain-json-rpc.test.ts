import { allTools } from '@infisical/mcp-core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { metricValue, parseJson } from './support/injected-mcp-requests.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

let running: InfisicalInProcess;

beforeAll(async () => {
  running = await startInfisicalInProcess();
});

afterAll(async () => {
  await running?.close();
});

/** The headers curl sends on its own: no event stream asked for, no session. */
const CURL_HEADERS = { accept: '*/*', 'user-agent': 'curl/8.5.0' };

/** A request as curl sends it to the listening server, its Host included. */
function curl(
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<LightMyRequestResponse> {
  return running.http.app.inject({
    method: options.method ?? 'GET',
    url,
    headers: { host: new URL(running.baseUrl).host, ...CURL_HEADERS, ...options.headers },
    payload: options.body,
  });
}

/** `curl -X POST <base>/mcp -H "Content-Type: application/json" -d '<body>'` */
function curlPost(body: string): Promise<LightMyRequestResponse> {
  return curl('/mcp', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

/** A tools/call of create-secret in the dev environment, as a JSON-RPC request. */
function createSecretCall(id: number | string, secretName: string, secretValue: string) {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: {
      name: 'create-secret',
      arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName, secretValue },
    },
  };
}

async function sessionCount(): Promise<number> {
  return (await curl('/health')).json<{ sessions: number }>().sessions;
}

describe("the seed README's three curl requests", () => {
  it('GET /mcp answers the discovery document as JSON', async () => {
    const base = running.baseUrl;
    const response = await curl('/mcp');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const discovery = parseJson(response);
    expect(discovery).toMatchObject({
      name: 'infisical-mcp',
      toolCount: TOOL_COUNT,
      transports: {
        streamableHttp: { url: `${base}/mcp`, methods: ['POST', 'GET', 'DELETE'] },
        plainJsonRpc: { url: `${base}/mcp` },
        sse: { url: `${base}/sse`, messagesUrl: `${base}/messages` },
        websocket: {
          urls: [`${base.replace(/^http/, 'ws')}/ws`, running.websocketUrl],
          subprotocol: 'mcp',
        },
      },
      endpoints: { health: `${base}/health`, ready: `${base}/ready`, metrics: `${base}/metrics` },
    });
    expect(discovery.protocolVersions).toEqual(
      expect.arrayContaining(['2025-11-25', '2024-11-05']),
    );
  });

  it('POST tools/list with only Content-Type: application/json answers a JSON body', async () => {
    const response = await curlPost(`{
    "jsonrpc": "2.0",
    "id": 1,
    "method": "tools/list",
    "params": {}
  }`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    // Stateless: nothing for curl to carry to the next request.
    expect(response.headers['mcp-session-id']).toBeUndefined();
    const body = parseJson<{ jsonrpc: string; id: number; result: { tools: { name: string }[] } }>(
      response,
    );
    expect(body.jsonrpc).toBe('2.0');
    expect(body.id).toBe(1);
    expect(body.result.tools).toHaveLength(TOOL_COUNT);
    expect(body.result.tools.map((tool) => tool.name)).toContain('get-secret');
  });

  it('POST initialize with protocolVersion 2024-11-05 answers a JSON body', async () => {
    const response = await curlPost(`{
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
      "protocolVersion": "2024-11-05",
      "capabilities": {"tools": {}},
      "clientInfo": {"name": "test-client", "version": "1.0.0"}
    }
  }`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(parseJson(response)).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: {
        protocolVersion: '2024-11-05',
        serverInfo: { name: 'infisical-mcp' },
        capabilities: { tools: {} },
      },
    });
  });
});

describe('plain JSON-RPC beyond the README', () => {
  it('calls a tool without initialize and writes to Infisical', async () => {
    const response = await curlPost(
      JSON.stringify(createSecretCall('create-1', 'FROM_CURL', 'curl-value')),
    );
    expect(response.statusCode).toBe(200);
    expect(parseJson(response)).toMatchObject({
      id: 'create-1',
      result: { structuredContent: { secret: { secretKey: 'FROM_CURL' } } },
    });
    const secrets = await running.admin.secrets(running.projectId, 'dev');
    expect(secrets.find((secret) => secret.key === 'FROM_CURL')).toMatchObject({
      value: 'curl-value',
    });
  });

  it('answers a big list whose structured output and text block agree', async () => {
    const location = { projectId: running.projectId, environmentSlug: 'prod', secretPath: '/' };
    const secrets = Array.from({ length: 60 }, (_, index) => ({
      secretName: `PLAIN_BIG_${index}`,
      secretValue: `"quoted" \\ value ${'x'.repeat(60)} ${index}`,
    }));
    const call = (id: number, name: string, args: Record<string, unknown>) =>
      curlPost(
        JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name, arguments: args },
        }),
      );
    expect((await call(1, 'create-secrets', { ...location, secrets })).statusCode).toBe(200);
    const listed = parseJson<{
      result: { content: { text: string }[]; structuredContent: { secrets: unknown[] } };
    }>(await call(2, 'list-secrets', { ...location, includeValues: true }));
    const text = listed.result.content[0]?.text ?? '';
    expect(text.length).toBeGreaterThan(4096);
    expect(JSON.parse(text)).toEqual(listed.result.structuredContent);
    expect(listed.result.structuredContent.secrets.length).toBeGreaterThanOrEqual(60);
  });

  it('answers an unknown method with a JSON-RPC error, not an HTTP error', async () => {
    const response = await curlPost('{"jsonrpc":"2.0","id":9,"method":"no/such/method"}');
    expect(response.statusCode).toBe(200);
    expect(parseJson(response)).toMatchObject({ id: 9, error: { code: -32601 } });
  });

  it('answers a notification with 202 and no body', async () => {
    const response = await curlPost('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
  });

  it('serves each request statelessly: counted as plain JSON-RPC, no session kept', async () => {
    const statelessServed = async () =>
      metricValue((await curl('/metrics')).body, 'mcp_sessions_opened_total', {
        transport: 'plain-json-rpc',
      }) ?? 0;
    const before = await statelessServed();
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        curlPost(JSON.stringify({ jsonrpc: '2.0', id: index, method: 'tools/list' })),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(await statelessServed()).toBe(before + 5);
    expect(await sessionCount()).toBe(0);
  });
});

describe('batches and refusals', () => {
  const listCall = (id: number | string) => ({ jsonrpc: '2.0', id, method: 'tools/list' });
  const createCall = (id: number, secretName: string) =>
    createSecretCall(id, secretName, 'batched');
  const secretNames = async () =>
    (await running.admin.secrets(running.projectId, 'dev')).map((secret) => secret.key);

  it('answers a batch with an array of its requests’ answers, in order, notifications unanswered', async () => {
    const response = await curlPost(
      JSON.stringify([
        createCall(2, 'BATCHED_ONE'),
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        listCall('list'),
        { jsonrpc: '2.0', id: 3, method: 'no/such/method' },
      ]),
    );
    expect(response.statusCode).toBe(200);
    const answers = parseJson<Array<{ id: unknown }>>(response);
    expect(answers.map((answer) => answer.id)).toEqual([2, 'list', 3]);
    expect(answers[2]).toMatchObject({ error: { code: -32601 } });
    expect(await secretNames()).toContain('BATCHED_ONE');
  });

  it('answers a batch of one with an array of one', async () => {
    const response = await curlPost(JSON.stringify([listCall(1)]));
    expect(parseJson<unknown[]>(response)).toHaveLength(1);
  });

  it('refuses a batch that repeats a request id, and runs none of it', async () => {
    const response = await curlPost(
      JSON.stringify([createCall(5, 'TWICE_A'), createCall(5, 'TWICE_B')]),
    );
    expect(response.statusCode).toBe(400);
    expect(parseJson(response)).toMatchObject({ error: { code: -32600 } });
    expect(await secretNames()).not.toContain('TWICE_A');
    expect(await secretNames()).not.toContain('TWICE_B');
  });

  it('refuses a batch of more than 100 messages', async () => {
    const batch = Array.from({ length: 101 }, (_, index) => listCall(index));
    const response = await curlPost(JSON.stringify(batch));
    expect(response.statusCode).toBe(400);
    expect(parseJson(response)).toMatchObject({ error: { code: -32600 } });
  });

  it('refuses a protocol version it does not speak', async () => {
    const response = await curl('/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'mcp-protocol-version': '1999-01-01' },
      body: JSON.stringify(listCall(1)),
    });
    expect(response.statusCode).toBe(400);
    expect(parseJson<{ error: { message: string } }>(response).error.message).toContain(
      'Unsupported protocol version: 1999-01-01',
    );
  });
});

describe('URLs as people paste them', () => {
  it('answers /mcp/ with a trailing slash like /mcp', async () => {
    const response = await curl('/mcp/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: {} }),
    });
    expect(response.statusCode).toBe(200);
    expect(parseJson<{ result: { tools: unknown[] } }>(response).result.tools).toHaveLength(
      TOOL_COUNT,
    );
  });
});
