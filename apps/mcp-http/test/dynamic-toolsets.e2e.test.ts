// --dynamic-toolsets over Streamable HTTP: what a session enables is its own, kept in its
// record, so it survives its server being let go and built again.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

let running: ServerAgainstSandbox;

beforeAll(async () => {
  running = await startServerAgainstSandbox(['--dynamic-toolsets', '--log-level', 'debug']);
});

afterAll(async () => {
  await running?.close();
});

async function connect() {
  const refreshed: Tool[][] = [];
  let notify: () => void = () => {};
  const client = new Client(
    { name: 'dynamic-http-test', version: '1.0.0' },
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
  await client.connect(new StreamableHTTPClientTransport(new URL(`${running.server.baseUrl}/mcp`)));
  const nextRefresh = () => new Promise<void>((resolve) => (notify = resolve));
  return { client, refreshed, nextRefresh };
}

const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);

describe('dynamic toolsets over Streamable HTTP', () => {
  it('enables a toolset for one session only, tells it on its GET stream, and keeps it when the session is served again from its record', async () => {
    const first = await connect();
    const second = await connect();
    try {
      expect(first.client.getServerCapabilities()?.tools?.listChanged).toBe(true);
      const start = await names(first.client);
      expect(start).toEqual(expect.arrayContaining(['list-toolsets', 'enable-toolset']));
      expect(start).not.toContain('kms-encrypt');

      const refreshed = first.nextRefresh();
      const enabled = await first.client.callTool({
        name: 'enable-toolset',
        arguments: { toolset: 'kms' },
      });
      expect(enabled.structuredContent).toMatchObject({ toolset: 'kms' });
      // notifications/tools/list_changed reached the session's GET stream; the SDK re-listed.
      await refreshed;
      expect(first.refreshed.at(-1)?.map((tool) => tool.name)).toContain('kms-encrypt');
      expect(await names(second.client)).not.toContain('kms-encrypt');

      // Idle past the server's release (2 s, swept every second): the next request builds a
      // server from the record, which still holds the enabled toolset.
      const builds = () =>
        running.server.output().split('built a server for the session from its record').length;
      const before = builds();
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect(await names(first.client)).toContain('kms-encrypt');
      expect(builds()).toBeGreaterThan(before);
      // Served, not refused as a tool the session has not enabled.
      const call = await first.client.callTool({ name: 'kms-encrypt', arguments: {} });
      expect(JSON.stringify(call.content)).not.toMatch(/not enabled|Unknown tool/);
    } finally {
      await Promise.all([first.client.close(), second.client.close()]);
    }
  });
});
