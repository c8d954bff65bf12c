import { allTools } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import {
  answerOf,
  openSessionByHand,
  postToSession,
  STREAMABLE_ACCEPT,
} from './support/injected-mcp-requests.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

let running: InfisicalInProcess;
const openClients: Client[] = [];

beforeAll(async () => {
  running = await startInfisicalInProcess();
});

afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  await running?.close();
});

const app = () => running.http.app;

async function connectClient(): Promise<{
  client: Client;
  transport: StreamableHTTPClientTransport;
}> {
  const client = new Client({ name: 'streamable-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${running.baseUrl}/mcp`));
  await client.connect(transport);
  openClients.push(client);
  return { client, transport };
}

async function sandboxSecret(key: string) {
  const secrets = await running.admin.secrets(running.projectId, 'dev');
  return secrets.find((secret) => secret.key === key && secret.path === '/');
}

describe('Streamable HTTP with the SDK client', () => {
  it('opens a session and negotiates the latest protocol version', async () => {
    const { client, transport } = await connectClient();
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(transport.protocolVersion).toBe('2025-11-25');
    expect(client.getServerVersion()).toMatchObject({ name: 'infisical-mcp' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {} });
  });

  it('lists every Infisical tool', async () => {
    const { client } = await connectClient();
    const { tools } = await client.listTools();
    // The stdio e2e test spells out the catalogue; here every tool of it must be served.
    expect(tools.map((tool) => tool.name).sort()).toEqual(allTools.map((tool) => tool.name).sort());
    expect(tools.length).toBeGreaterThan(40);
  });

  it('creates, updates and deletes a secret, and the sandbox holds each change', async () => {
    const { client } = await connectClient();
    const where = { projectId: running.projectId, environmentSlug: 'dev' };

    const created = await client.callTool({
      name: 'create-secret',
      arguments: { ...where, secretName: 'STREAMABLE_TOKEN', secretValue: 'first-value' },
    });
    expect(created.isError).toBeFalsy();
    expect(await sandboxSecret('STREAMABLE_TOKEN')).toMatchObject({
      value: 'first-value',
      version: 1,
    });

    const updated = await client.callTool({
      name: 'update-secret',
      arguments: { ...where, secretName: 'STREAMABLE_TOKEN', secretValue: 'second-value' },
    });
    expect(updated.structuredContent).toMatchObject({
      secret: { secretKey: 'STREAMABLE_TOKEN', secretValue: 'second-value', version: 2 },
    });
    expect(await sandboxSecret('STREAMABLE_TOKEN')).toMatchObject({
      value: 'second-value',
      version: 2,
    });

    const deleted = await client.callTool({
      name: 'delete-secret',
      arguments: { ...where, secretName: 'STREAMABLE_TOKEN' },
    });
    expect(deleted.isError).toBeFalsy();
    expect(await sandboxSecret('STREAMABLE_TOKEN')).toBeUndefined();
  });

  it('reports an Infisical 404 as a tool error result and an unknown tool as a protocol error', async () => {
    const { client } = await connectClient();
    const missing = await client.callTool({
      name: 'get-secret',
      arguments: {
        projectId: running.projectId,
        environmentSlug: 'dev',
        secretName: 'NO_SUCH_SECRET',
      },
    });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('NO_SUCH_SECRET');

    const unknown = client.callTool({ name: 'no-such-tool', arguments: {} });
    await expect(unknown).rejects.toBeInstanceOf(McpError);
    await expect(unknown).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
  });

  it('turns Infisical failures into tool errors and keeps serving', async () => {
    const { client } = await connectClient();
    const readApiKey = () =>
      client.callTool({
        name: 'get-secret',
        arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
      });
    await readApiKey();
    try {
      await running.admin.setFaults({ failNext: { status: 500, count: 10 } });
      const failed = await readApiKey();
      expect(failed.isError).toBe(true);
      expect(JSON.stringify(failed.content)).toMatch(/Infisical/);
      await running.admin.setFaults({ failNext: null, dropNext: { count: 10 } });
      const dropped = await readApiKey();
      expect(dropped.isError).toBe(true);
    } finally {
      await running.admin.clearFaults();
    }
    expect((await readApiKey()).isError).toBeFalsy();
  });

  it('keeps concurrent sessions apart, each with its own id', async () => {
    const [first, second] = await Promise.all([connectClient(), connectClient()]);
    expect(first.transport.sessionId).not.toBe(second.transport.sessionId);
    const read = (client: Client, secretName: string) =>
      client.callTool({
        name: 'get-secret',
        arguments: { projectId: running.projectId, environmentSlug: 'dev', secretName },
      });
    const [apiKey, logLevel] = await Promise.all([
      read(first.client, 'API_KEY'),
      read(second.client, 'LOG_LEVEL'),
    ]);
    expect(apiKey.structuredContent).toMatchObject({
      secret: { secretKey: 'API_KEY', secretValue: 'demo-api-key-0123456789' },
    });
    expect(logLevel.structuredContent).toMatchObject({
      secret: { secretKey: 'LOG_LEVEL', secretValue: 'debug' },
    });
    const health = (await app().inject({ url: '/health' })).json<{ sessions: number }>();
    expect(health.sessions).toBeGreaterThanOrEqual(2);
  });

  it('ends the session on terminateSession (DELETE), after which its id is unknown', async () => {
    const { transport } = await connectClient();
    const sessionId = transport.sessionId as string;
    await transport.terminateSession();
    expect(transport.sessionId).toBeUndefined();
    const after = await postToSession(app(), sessionId, '2025-11-25', {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
    });
    expect(after.statusCode).toBe(404);
  });
});

describe('Streamable HTTP by hand, as the 2025-11-25 spec words it', () => {
  it('answers a notification with 202 Accepted and no body', async () => {
    const sessionId = await openSessionByHand(app());
    const response = await postToSession(app(), sessionId, '2025-11-25', {
      jsonrpc: '2.0',
      method: 'notifications/roots/list_changed',
    });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
  });

  it('answers a request in a session in JSON, and one that asks for progress as an event stream whose events carry ids', async () => {
    const sessionId = await openSessionByHand(app());
    const post = (body: unknown) => postToSession(app(), sessionId, '2025-11-25', body);
    const plain = await post({ jsonrpc: '2.0', id: 7, method: 'tools/list' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('application/json');
    expect(plain.headers['mcp-session-id']).toBe(sessionId);
    expect(((await answerOf(plain, 7)).message.result as { tools: unknown[] }).tools).toHaveLength(
      TOOL_COUNT,
    );

    const streamed = await post({
      jsonrpc: '2.0',
      id: 8,
      method: 'tools/list',
      params: { _meta: { progressToken: 'p-8' } },
    });
    expect(streamed.headers['content-type']).toContain('text/event-stream');
    expect(streamed.headers['mcp-session-id']).toBe(sessionId);
    const { event, message } = await answerOf(streamed, 8);
    // Ids come from the event store: they are what a client resumes from with Last-Event-ID.
    expect(event?.id).toMatch(/_/);
    expect((message.result as { tools: unknown[] }).tools).toHaveLength(TOOL_COUNT);
  });

  it('negotiates down to an older protocol version the client asks for', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/mcp',
      headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
      payload: {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-03-26',
          capabilities: {},
          clientInfo: { name: 'older-client', version: '0.1.0' },
        },
      },
    });
    expect(response.headers['mcp-session-id']).toBeTruthy();
    const { message } = await answerOf(response, 1);
    expect(message.result).toMatchObject({ protocolVersion: '2025-03-26' });
  });

  it('refuses a request other than initialize without a session (400)', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/mcp',
      headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT },
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });
});
