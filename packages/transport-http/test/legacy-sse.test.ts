import { allTools } from '@infisical/mcp-core';
import { readSseEvents } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { parseJson } from './support/injected-mcp-requests.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

let running: InfisicalInProcess;

beforeAll(async () => {
  running = await startInfisicalInProcess();
});

afterAll(async () => {
  await running?.close();
});

async function connectSseClient(): Promise<Client> {
  const client = new Client({ name: 'legacy-sse-test', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL(`${running.baseUrl}/sse`)));
  return client;
}

/** Opens GET /sse by hand and reads the endpoint event, which carries the session id. */
async function openSseStreamByHand() {
  const abort = new AbortController();
  const response = await fetch(`${running.baseUrl}/sse`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events = readSseEvents(response.body as ReadableStream<Uint8Array>);
  const endpoint = (await events.next()).value;
  const sessionId = new URL(endpoint?.data ?? '', running.baseUrl).searchParams.get('sessionId');
  if (!sessionId) throw new Error(`no session id in the endpoint event: ${endpoint?.data}`);
  return { response, endpoint, events, sessionId, close: () => abort.abort() };
}

function postMessage(query: string, message: unknown) {
  return running.http.app.inject({
    method: 'POST',
    url: `/messages${query}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(message),
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('legacy HTTP+SSE (2024-11-05) with the SDK SSEClientTransport', () => {
  it('lists tools and writes a secret the sandbox then holds', async () => {
    const client = await connectSseClient();
    try {
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(TOOL_COUNT);
      const created = await client.callTool({
        name: 'create-secret',
        arguments: {
          projectId: running.projectId,
          environmentSlug: 'dev',
          secretName: 'FROM_LEGACY_SSE',
          secretValue: 'sse-value',
          secretPath: '/backend',
        },
      });
      expect(created.isError).toBeFalsy();
      const secrets = await running.admin.secrets(running.projectId, 'dev');
      expect(
        secrets.find((secret) => secret.key === 'FROM_LEGACY_SSE' && secret.path === '/backend'),
      ).toMatchObject({ value: 'sse-value' });
    } finally {
      await client.close();
    }
  });

  it('names the POST endpoint, with the session id, in the first event', async () => {
    const stream = await openSseStreamByHand();
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.endpoint).toMatchObject({ event: 'endpoint' });
      expect(stream.endpoint?.data).toBe(`/messages?sessionId=${stream.sessionId}`);
    } finally {
      stream.close();
    }
  });

  it('accepts a POST to the endpoint with 202 and answers on the event stream', async () => {
    const stream = await openSseStreamByHand();
    try {
      const accepted = await postMessage(`?sessionId=${stream.sessionId}`, {
        jsonrpc: '2.0',
        id: 41,
        method: 'ping',
      });
      expect(accepted.statusCode).toBe(202);
      const answer = (await stream.events.next()).value;
      expect(answer).toMatchObject({ event: 'message' });
      expect(JSON.parse(answer?.data ?? '')).toEqual({ jsonrpc: '2.0', id: 41, result: {} });
    } finally {
      stream.close();
    }
  });

  it('forgets the session once its event stream closes', async () => {
    const stream = await openSseStreamByHand();
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    expect((await postMessage(`?sessionId=${stream.sessionId}`, ping)).statusCode).toBe(202);
    stream.close();
    await waitFor(
      async () => (await postMessage(`?sessionId=${stream.sessionId}`, ping)).statusCode === 404,
    );
  });

  it('refuses POST /messages without a sessionId (400) or with an unknown one (404)', async () => {
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const missing = await postMessage('', ping);
    expect(missing.statusCode).toBe(400);
    expect(parseJson(missing)).toMatchObject({ error: { code: -32000 } });
    const unknown = await postMessage('?sessionId=00000000-0000-0000-0000-000000000000', ping);
    expect(unknown.statusCode).toBe(404);
    expect(parseJson(unknown)).toMatchObject({ error: { code: -32001 } });
  });

  it('does not let a Streamable HTTP request use a legacy SSE session id', async () => {
    const stream = await openSseStreamByHand();
    try {
      const response = await running.http.app.inject({
        method: 'POST',
        url: '/mcp',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': stream.sessionId,
        },
        payload: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.statusCode).toBe(404);
    } finally {
      stream.close();
    }
  });
});
