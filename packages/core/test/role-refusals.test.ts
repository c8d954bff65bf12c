// Tools refused by the identity's project role, through the MCP SDK client and an in-memory
// transport against the sandbox, which answers as Infisical's permission checks do: each call is
// a clear isError naming what the role lacks, and nothing changes.
import { type StateDump, startSandbox } from '@infisical/mcp-sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfisicalClient } from '../src/infisical/create-infisical-client.js';
import { defaultPolicy } from '../src/safety/policy.js';
import { createInfisicalMcpServer } from '../src/server/create-infisical-mcp-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let viewer: Client;
let devFolders: Client;
let projectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  projectId = sandbox.demo.projectId;
  const { state } = sandbox;
  state.createProjectRole(state.requireProject(projectId), {
    slug: 'dev-folders',
    permissions: [
      { subject: 'secret-folders', action: ['create'], conditions: { environment: 'dev' } },
    ],
  });
  viewer = await connectAs(['viewer']);
  devFolders = await connectAs(['dev-folders']);
}, 30_000);

afterAll(async () => {
  await viewer?.close();
  await devFolders?.close();
  await sandbox?.close();
});

/** An MCP client of a server whose machine identity holds `roles` in the demo project. */
async function connectAs(roles: string[]): Promise<Client> {
  const identity = sandbox.state.createIdentity({ projectIds: [projectId], roles });
  const infisical = createInfisicalClient({
    hostUrl: sandbox.url,
    auth: {
      method: 'universal-auth',
      clientId: identity.clientId,
      clientSecret: identity.clientSecret,
    },
  });
  const server = createInfisicalMcpServer({
    infisical,
    policy: defaultPolicy({ confirmDestructive: 'off' }),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'role-refusals', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
  return { isError: result.isError === true, text };
}

/** The demo project as the sandbox's state hook shows it. */
async function projectState() {
  const dump = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as StateDump;
  return JSON.stringify(dump.projects.find((project) => project.id === projectId));
}

const dev = () => ({ projectId, environmentSlug: 'dev', secretPath: '/' });

describe('a viewer', () => {
  it.each([
    ['create-folder', () => ({ ...dev(), name: 'new-folder' }), 'create on secret-folders'],
    [
      'create-secret-import',
      () => ({ ...dev(), importEnvironmentSlug: 'prod', importSecretPath: '/' }),
      'create on secret-imports',
    ],
    ['create-tag', () => ({ projectId, slug: 'new-tag' }), 'create on tags'],
    ['create-environment', () => ({ projectId, name: 'QA', slug: 'qa' }), 'create on environments'],
    [
      'create-dynamic-secret-lease',
      () => ({ ...dev(), dynamicSecretName: 'demo-postgres' }),
      'lease on dynamic-secrets',
    ],
  ])('is refused %s with what its role lacks, and nothing changes', async (tool, args, refused) => {
    const before = await projectState();
    const result = await call(viewer, tool, args());
    expect(result.isError, result.text).toBe(true);
    expect(result.text).toContain(`403: You are not allowed to ${refused}`);
    expect(result.text).toContain('project role lacks permission');
    expect(await projectState()).toBe(before);
  });

  it('still reads what its role allows', async () => {
    const listed = await call(viewer, 'list-folders', dev());
    expect(listed.isError, listed.text).toBe(false);
  });
});

describe('a role limited to one environment', () => {
  it('creates a folder there, and elsewhere is told another environment may work', async () => {
    const before = await projectState();
    const refused = await call(devFolders, 'create-folder', {
      ...dev(),
      environmentSlug: 'staging',
      name: 'limited',
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('You are not allowed to create on secret-folders');
    expect(refused.text).toContain('another environment may still work');
    expect(await projectState()).toBe(before);

    const created = await call(devFolders, 'create-folder', { ...dev(), name: 'limited' });
    expect(created.isError, created.text).toBe(false);
  });

  it('is told a project-wide permission does not depend on the environment', async () => {
    const refused = await call(devFolders, 'create-tag', { projectId, slug: 'other' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('You are not allowed to create on tags');
    expect(refused.text).toContain('applies to the whole project');
  });
});
