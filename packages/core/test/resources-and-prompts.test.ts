import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { describe, expect, it } from 'vitest';
import {
  foldersUri,
  parseResourceUri,
  projectUri,
} from '../src/resources/infisical-resource-uri.js';
import { defaultPolicy } from '../src/safety/policy.js';
import {
  createInfisicalMcpServer,
  type InfisicalMcpServerOptions,
} from '../src/server/create-infisical-mcp-server.js';
import { allTools } from '../src/tools/all-tools.js';

/** Capabilities only: nothing here reaches Infisical. */
async function capabilitiesOf(options: Omit<InfisicalMcpServerOptions, 'infisical' | 'policy'>) {
  const server = createInfisicalMcpServer({
    infisical: {
      hostUrl: 'http://127.0.0.1:9',
      auth: { method: 'access-token', accessToken: 't' },
    },
    policy: defaultPolicy(),
    ...options,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'capabilities-test', version: '1.0.0' });
  await client.connect(clientSide);
  const capabilities = client.getServerCapabilities();
  await client.close();
  return capabilities;
}

describe('resources and prompts on a library server', () => {
  it('are served by default, with completion', async () => {
    expect(await capabilitiesOf({})).toMatchObject({
      tools: {},
      resources: {},
      prompts: {},
      completions: {},
    });
  });

  it('can be turned off one by one, and completion goes with the last of them', async () => {
    const noResources = await capabilitiesOf({ resources: false });
    expect(noResources?.resources).toBeUndefined();
    expect(noResources?.prompts).toBeDefined();
    const noPrompts = await capabilitiesOf({ prompts: false });
    expect(noPrompts?.prompts).toBeUndefined();
    expect(noPrompts?.resources).toBeDefined();
    const neither = await capabilitiesOf({ resources: false, prompts: false });
    expect(Object.keys(neither ?? {}).sort()).toEqual(['logging', 'tools']);
  });

  it('are not advertised when the tools they rely on are not served', async () => {
    const writesOnly = await capabilitiesOf({
      tools: allTools.filter((tool) => !tool.annotations.readOnlyHint),
    });
    expect(Object.keys(writesOnly ?? {}).sort()).toEqual(['logging', 'tools']);
  });
});

describe('infisical:// resource URIs', () => {
  it('round-trip, with IDs and folder names percent-encoded', () => {
    expect(parseResourceUri('infisical://projects')).toEqual({ kind: 'projects' });
    expect(parseResourceUri(projectUri('a b'))).toEqual({ kind: 'project', projectId: 'a b' });
    const uri = foldersUri('p', 'dev', '/api/v 1');
    expect(uri).toBe('infisical://projects/p/environments/dev/folders/api/v%201');
    expect(parseResourceUri(uri)).toEqual({
      kind: 'folders',
      projectId: 'p',
      environmentSlug: 'dev',
      path: '/api/v 1',
    });
    expect(parseResourceUri(foldersUri('p', 'dev', '/'))).toMatchObject({ path: '/' });
  });

  it('name nothing when malformed', () => {
    for (const uri of [
      'infisical://projects//x',
      'infisical://projects/x/environments//folders',
      'infisical://projects/x/environments/dev/folders/..',
      'infisical://projects/x/environments/dev/files',
      'infisical://projects/%zz',
      'infisical://projects/x#y',
    ]) {
      expect(parseResourceUri(uri), uri).toBeUndefined();
    }
  });
});
