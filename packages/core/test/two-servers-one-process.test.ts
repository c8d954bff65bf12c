import { startSandbox } from '@infisical/mcp-sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/safety/policy.js';
import { createInfisicalMcpServer } from '../src/server/create-infisical-mcp-server.js';
import { allTools } from '../src/tools/all-tools.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

async function connect(clientId: string, clientSecret: string) {
  const server = createInfisicalMcpServer({
    infisical: {
      hostUrl: sandbox.url,
      auth: { method: 'universal-auth', clientId, clientSecret },
    },
    tools: allTools.filter((tool) => tool.toolset === 'projects'),
    policy: defaultPolicy(),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'library-test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

describe('createInfisicalMcpServer as a library', () => {
  it('runs two servers with different identities side by side', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/identities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ projectIds: [] }),
    });
    const outsider = (await response.json()) as { clientId: string; clientSecret: string };

    const member = await connect(sandbox.demo.clientId, sandbox.demo.clientSecret);
    const stranger = await connect(outsider.clientId, outsider.clientSecret);

    const [memberView, strangerView] = await Promise.all([
      member.callTool({ name: 'list-projects', arguments: {} }),
      stranger.callTool({ name: 'list-projects', arguments: {} }),
    ]);
    const ids = (result: typeof memberView) =>
      (result.structuredContent as { projects: { id: string }[] }).projects.map((p) => p.id);
    expect(ids(memberView)).toContain(sandbox.demo.projectId);
    expect(ids(strangerView)).not.toContain(sandbox.demo.projectId);

    const { tools } = await member.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'create-project',
      'list-projects',
      'get-project',
      'update-project',
      'delete-project',
    ]);
    await member.close();
    await stranger.close();
  });
});
