// The binary's default catalogue: the core set, every toolset one flag away. The other e2e
// tests serve every toolset (see spawn-stdio-server.ts); these leave INFISICAL_TOOLSETS unset.
import { allTools, officialToolNames } from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { spawnStdioServer } from './support/spawn-stdio-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const OFFICIAL_TOOLS = officialToolNames();

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('the default catalogue over stdio', () => {
  it("lists the core set, the official server's tools among them, and refuses the rest by name", async () => {
    const server = await spawnStdioServer({
      ...sandboxCredentials(sandbox),
      INFISICAL_TOOLSETS: undefined,
    });
    try {
      const names = (await server.client.listTools()).tools.map((tool) => tool.name);
      expect(names.length).toBeLessThanOrEqual(25);
      expect(names).toEqual(expect.arrayContaining([...OFFICIAL_TOOLS, 'list-environments']));
      expect(names).not.toContain('kms-encrypt');
      await expect(
        server.call('delete-tag', { projectId: sandbox.demo.projectId, tagSlug: 'x' }),
      ).rejects.toThrow(/"delete-tag" is not enabled/);
    } finally {
      await server.close();
    }
  });

  it('serves every tool with --toolsets all, and adds one toolset to the core set on request', async () => {
    const all = await spawnStdioServer(
      { ...sandboxCredentials(sandbox), INFISICAL_TOOLSETS: undefined },
      ['--toolsets', 'all'],
    );
    const withKms = await spawnStdioServer({
      ...sandboxCredentials(sandbox),
      INFISICAL_TOOLSETS: 'core,kms',
    });
    try {
      expect((await all.client.listTools()).tools).toHaveLength(allTools.length);
      const names = (await withKms.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['kms-encrypt', 'kms-decrypt', 'get-secret']));
      expect(names).not.toContain('delete-tag');
    } finally {
      await all.close();
      await withKms.close();
    }
  });
});
