import { createHash } from 'node:crypto';
import { findLeaks, Needles } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = { full: 'full-key-0123456789', projects: 'projects-key-0123456789' };

let running: ServerAgainstSandbox;
const needles = new Needles();

beforeAll(async () => {
  running = await startServerAgainstSandbox([
    '--auth',
    'api-key',
    '--api-keys',
    JSON.stringify([
      { id: 'full', sha256: sha256(KEYS.full) },
      { id: 'projects-only', sha256: sha256(KEYS.projects), toolsets: ['projects'] },
    ]),
  ]);
  running.sandbox.state.putSecret({
    projectId: running.projectId,
    environment: 'dev',
    secretPath: '/billing',
    key: 'BILLING_CANARY',
    value: needles.value(),
  });
});

afterAll(async () => {
  await running?.close();
});

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'resources-http-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${running.server.baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

describe('resources and prompts over Streamable HTTP', () => {
  it('a client browses projects and folders, gets a prompt, and sees no secret value', async () => {
    const client = await connect(KEYS.full);
    try {
      const { resources } = await client.listResources();
      const devFolders = `infisical://projects/${running.projectId}/environments/dev/folders`;
      expect(resources.map((resource) => resource.uri)).toContain(devFolders);

      const read = await client.readResource({ uri: devFolders });
      const text = (read.contents[0] as { text: string }).text;
      const stored = await running.admin.project(running.projectId);
      const storedDev = stored.environments.find((env) => env.slug === 'dev');
      expect(storedDev?.folders).toContain('/billing');
      expect(JSON.parse(text).folders.map((folder: { path: string }) => folder.path)).toEqual(
        storedDev?.folders.filter((path) => path !== '/' && path.lastIndexOf('/') === 0),
      );
      expect(findLeaks(text, needles, 'folders resource')).toEqual([]);

      const prompt = await client.getPrompt({
        name: 'audit-environment',
        arguments: {
          projectId: running.projectId,
          environmentSlug: 'staging',
          baselineEnvironmentSlug: 'prod',
        },
      });
      expect(prompt.messages[0]?.content).toMatchObject({ type: 'text' });
    } finally {
      await client.close();
    }
  });

  it('a key limited to the projects toolset browses projects only, and gets no prompt', async () => {
    const client = await connect(KEYS.projects);
    try {
      expect(client.getServerCapabilities()?.prompts).toBeUndefined();
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
        'infisical://projects/{projectId}',
      ]);
      await expect(
        client.readResource({
          uri: `infisical://projects/${running.projectId}/environments/dev/folders`,
        }),
      ).rejects.toMatchObject({ code: -32002 });
    } finally {
      await client.close();
    }
  });
});
