// --dynamic-toolsets over stdio with the official SDK client, which refreshes its tool list when
// the server sends notifications/tools/list_changed.
import { startSandbox } from '@infisical/mcp-sandbox';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { spawnStdioServer } from './support/spawn-stdio-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

/** A client that records every tool list the SDK refreshed after a list_changed notification. */
async function dynamicServer(env: Record<string, string | undefined>, args: string[] = []) {
  const refreshed: Tool[][] = [];
  let notify: () => void = () => {};
  const server = await spawnStdioServer(
    { ...sandboxCredentials(sandbox), INFISICAL_TOOLSETS: undefined, ...env },
    args,
    {
      listChanged: {
        tools: {
          debounceMs: 0,
          onChanged: (error, tools) => {
            if (!error && tools) refreshed.push(tools);
            notify();
          },
        },
      },
    },
  );
  const nextRefresh = () => new Promise<void>((resolve) => (notify = resolve));
  return { server, refreshed, nextRefresh };
}

const names = (tools: { name: string }[]) => tools.map((tool) => tool.name);

describe('dynamic toolsets over stdio', () => {
  it('starts small, lists the toolsets, and adds one on request with a list_changed', async () => {
    const { server, refreshed, nextRefresh } = await dynamicServer({}, ['--dynamic-toolsets']);
    try {
      expect(server.client.getServerCapabilities()?.tools?.listChanged).toBe(true);
      const start = names((await server.client.listTools()).tools);
      expect(start).toEqual(
        expect.arrayContaining(['list-toolsets', 'enable-toolset', 'get-secret']),
      );
      expect(start.length).toBeLessThanOrEqual(8);
      expect(start).not.toContain('kms-encrypt');

      const listed = await server.call('list-toolsets');
      const kms = (
        (listed.structuredContent?.toolsets ?? []) as { name: string; tools: string[] }[]
      ).find((toolset) => toolset.name === 'kms');
      expect(kms?.tools).toEqual(['list-kms-keys', 'kms-encrypt', 'kms-decrypt']);

      // A tool of a toolset not yet enabled is refused like any tool the server does not serve.
      await expect(
        server.call('list-kms-keys', { projectId: sandbox.demo.projectId }),
      ).rejects.toThrow(/not enabled/);

      const refresh = nextRefresh();
      const enabled = await server.call('enable-toolset', { toolset: 'kms' });
      expect(enabled.structuredContent).toEqual({
        toolset: 'kms',
        added: ['list-kms-keys', 'kms-encrypt', 'kms-decrypt'],
      });
      await refresh;
      expect(names(refreshed.at(-1) ?? [])).toEqual(
        expect.arrayContaining([...start, 'kms-encrypt']),
      );
      // Enabled, the tool is answered (by the sandbox) instead of refused by the server.
      const result = await server.call('list-kms-keys', { projectId: sandbox.demo.projectId });
      expect(result.content).toBeDefined();
      expect(names((await server.client.listTools()).tools)).toContain('kms-decrypt');

      const bad = await server.call('enable-toolset', { toolset: 'vaults' });
      expect(bad.isError).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('enables only what the server-wide filters allow', async () => {
    const { server } = await dynamicServer({ INFISICAL_READ_ONLY: 'true' }, [
      '--dynamic-toolsets',
      '--toolsets',
      'secrets,tags',
    ]);
    try {
      const listed = await server.call('list-toolsets');
      const toolsets = (listed.structuredContent?.toolsets ?? []) as {
        name: string;
        tools: string[];
      }[];
      expect(toolsets.map((toolset) => toolset.name)).toEqual(['secrets', 'tags']);
      const refused = await server.call('enable-toolset', { toolset: 'kms' });
      expect(refused.isError).toBe(true);
      const tags = await server.call('enable-toolset', { toolset: 'tags' });
      expect(tags.structuredContent?.added).toEqual(['list-tags']);
    } finally {
      await server.close();
    }
  });
});
