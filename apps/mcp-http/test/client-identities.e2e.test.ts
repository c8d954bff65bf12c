import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openSessionByHand,
  postToSession,
  rawRequest,
  readSseEvents,
  STREAMABLE_ACCEPT,
} from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

const LOGIN = 'POST /api/v1/auth/universal-auth/login';

let running: ServerAgainstSandbox;
let outsider: { clientId: string; clientSecret: string };
let outsiderProjectId: string;

beforeAll(async () => {
  running = await startServerAgainstSandbox();
  // A second machine identity that sees only a project of its own.
  outsider = await running.admin.createIdentity([]);
  const login = await fetch(`${running.sandbox.url}/api/v1/auth/universal-auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(outsider),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await fetch(`${running.sandbox.url}/api/v1/projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ projectName: 'Outsider Project', type: 'secret-manager' }),
  });
  outsiderProjectId = ((await created.json()) as { project: { id: string } }).project.id;
});

afterAll(async () => {
  await running?.close();
});

async function connect(headers: Record<string, string> = {}) {
  const client = new Client({ name: 'identity-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${running.server.baseUrl}/mcp`), {
    requestInit: { headers },
  });
  await client.connect(transport);
  return { client, transport };
}

async function projectIds(client: Client): Promise<string[]> {
  const result = await client.callTool({ name: 'list-projects', arguments: {} });
  return (result.structuredContent as { projects: { id: string }[] }).projects.map((p) => p.id);
}

const outsiderHeaders = () => ({
  'x-infisical-client-id': outsider.clientId,
  'x-infisical-client-secret': outsider.clientSecret,
});

describe('clients bringing their own Infisical identity', () => {
  it('act as that identity for their session only, in parallel with the server identity', async () => {
    const [own, server] = await Promise.all([connect(outsiderHeaders()), connect()]);
    const [ownView, serverView] = await Promise.all([
      projectIds(own.client),
      projectIds(server.client),
    ]);
    expect(ownView).toEqual([outsiderProjectId]);
    expect(serverView).toContain(running.projectId);
    expect(serverView).not.toContain(outsiderProjectId);
    await Promise.all([own.transport.terminateSession(), server.transport.terminateSession()]);
    await Promise.all([own.client.close(), server.client.close()]);
    expect(running.server.output()).not.toContain(outsider.clientSecret);
  });

  it('cache one token per identity while the session lives, and drop it when the session ends', async () => {
    await running.admin.resetStats();
    const first = await connect(outsiderHeaders());
    await projectIds(first.client);
    await projectIds(first.client);
    expect((await running.admin.stats()).requests[LOGIN]).toBe(1);
    await first.transport.terminateSession();
    await first.client.close();

    const second = await connect(outsiderHeaders());
    await projectIds(second.client);
    // The credentials went with the first session: the new one logs in afresh.
    expect((await running.admin.stats()).requests[LOGIN]).toBe(2);
    await second.client.close();
  });

  it('accept an access token instead of universal-auth credentials', async () => {
    const login = await fetch(`${running.sandbox.url}/api/v1/auth/universal-auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(outsider),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const { client } = await connect({ 'x-infisical-token': accessToken });
    expect(await projectIds(client)).toEqual([outsiderProjectId]);
    await client.close();
    expect(running.server.output()).not.toContain(accessToken);
  });

  it('refuse half a set of credentials with 400 before opening a session', async () => {
    const response = await rawRequest(`${running.server.baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: STREAMABLE_ACCEPT,
        'x-infisical-client-id': outsider.clientId,
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'x', version: '0' },
        },
      }),
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('go together');
  });

  it('refuse half a set of credentials on the legacy SSE stream too, with 400 and no hang', async () => {
    const response = await rawRequest(`${running.server.baseUrl}/sse`, {
      headers: { accept: 'text/event-stream', 'x-infisical-client-id': outsider.clientId },
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain('go together');
  });

  it('wrong credentials fail the tool call, not the server', async () => {
    const { client } = await connect({
      ...outsiderHeaders(),
      'x-infisical-client-secret': 'wrong',
    });
    const result = await client.callTool({ name: 'list-projects', arguments: {} });
    expect(result.isError).toBe(true);
    await client.close();
    const { client: fine } = await connect();
    expect(await projectIds(fine)).toContain(running.projectId);
    await fine.close();
  });
});

describe('every request of a session brings the Infisical identity its opener did', () => {
  const PROTOCOL = '2025-11-25';
  const listProjects = (sessionId: string, headers: Record<string, string>) =>
    postToSession(
      running.server.baseUrl,
      sessionId,
      PROTOCOL,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'list-projects', arguments: {} },
      },
      headers,
    );

  it('a live session refuses a request without its X-Infisical-* headers, or with others', async () => {
    const sessionId = await openSessionByHand(running.server.baseUrl, PROTOCOL, outsiderHeaders());
    // Before: answered as the outsider, credentials or not.
    const bare = await listProjects(sessionId, {});
    expect(bare.status).toBe(403);
    expect(bare.body).toContain('acts as another Infisical identity');
    expect(bare.body).not.toContain(outsiderProjectId);
    const other = await listProjects(sessionId, { 'x-infisical-token': 'a-token-of-someone-else' });
    expect(other.status).toBe(403);
    const same = await listProjects(sessionId, outsiderHeaders());
    expect(same.status).toBe(200);
    expect(same.body).toContain(outsiderProjectId);
  });

  it("a session of the server's identity refuses a request that brings one", async () => {
    const sessionId = await openSessionByHand(running.server.baseUrl, PROTOCOL);
    const brought = await listProjects(sessionId, outsiderHeaders());
    expect(brought.status).toBe(403);
    expect(brought.body).toContain("acts as the server's Infisical identity");
    expect((await listProjects(sessionId, {})).status).toBe(200);
  });

  it('a legacy SSE session refuses a message posted without its X-Infisical-* headers', async () => {
    const abort = new AbortController();
    const stream = await fetch(`${running.server.baseUrl}/sse`, {
      headers: { accept: 'text/event-stream', ...outsiderHeaders() },
      signal: abort.signal,
    });
    try {
      const endpoint = (await readSseEvents(stream.body as ReadableStream<Uint8Array>).next())
        .value;
      const post = (headers: Record<string, string>) =>
        rawRequest(new URL(endpoint?.data ?? '', running.server.baseUrl).href, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
        });
      const bare = await post({});
      expect(bare.status).toBe(403);
      expect(bare.body).toContain('acts as another Infisical identity');
      expect((await post(outsiderHeaders())).status).toBe(202);
    } finally {
      abort.abort();
    }
  });
});

describe('--client-identities off', () => {
  it('ignores the headers and always uses the server identity', async () => {
    const strict = await startServerAgainstSandbox(['--client-identities', 'off']);
    try {
      const created = await strict.admin.createIdentity([]);
      const client = new Client({ name: 'identity-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${strict.server.baseUrl}/mcp`), {
          requestInit: {
            headers: {
              'x-infisical-client-id': created.clientId,
              'x-infisical-client-secret': created.clientSecret,
            },
          },
        }),
      );
      const result = await client.callTool({ name: 'list-projects', arguments: {} });
      const ids = (result.structuredContent as { projects: { id: string }[] }).projects.map(
        (p) => p.id,
      );
      expect(ids).toContain(strict.projectId);
      await client.close();
    } finally {
      await strict.close();
    }
  });
});
