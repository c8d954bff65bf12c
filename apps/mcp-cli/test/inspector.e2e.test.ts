import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { allTools } from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from './support/spawn-stdio-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

const run = promisify(execFile);
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

/**
 * The MCP Inspector 2.x needs Node 22.19+. `npx -p node@22` puts a Node 22 binary first on the
 * PATH, so the Inspector and the server it spawns (`node dist/main.js`) both run on Node 22.
 */
async function inspector(args: string[]): Promise<unknown> {
  const catalog = join(mkdtempSync(join(tmpdir(), 'inspector-')), 'mcp.json');
  const env = [
    `INFISICAL_HOST_URL=${sandbox.url}`,
    `INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=${sandbox.demo.clientId}`,
    `INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=${sandbox.demo.clientSecret}`,
    // Every tool, so the portability check covers every schema.
    'INFISICAL_TOOLSETS=all',
  ].flatMap((pair) => ['-e', pair]);
  const { stdout } = await run(
    'npx',
    [
      '-y',
      '-p',
      'node@22',
      '-p',
      '@modelcontextprotocol/inspector@2.12.0',
      '--',
      'mcp-inspector',
      '--cli',
      ...env,
      'node',
      CLI_BIN,
      ...args,
    ],
    {
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, MCP_CATALOG_PATH: catalog },
    },
  );
  return JSON.parse(stdout);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('MCP Inspector CLI (Node 22)', () => {
  it('lists the tools, with no schema portability errors under --strict', async () => {
    const listed = (await inspector(['--method', 'tools/list', '--strict'])) as {
      tools: { name: string }[];
    };
    expect(listed.tools.map((tool) => tool.name)).toHaveLength(TOOL_COUNT);
    expect(listed.tools.map((tool) => tool.name)).toContain('get-secret');
  }, 300_000);

  it('calls a tool', async () => {
    const result = (await inspector([
      '--method',
      'tools/call',
      '--tool-name',
      'get-secret',
      '--tool-arg',
      `projectId=${sandbox.demo.projectId}`,
      'environmentSlug=dev',
      'secretName=API_KEY',
    ])) as { structuredContent?: { secret?: { secretKey?: string } }; isError?: boolean };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.secret?.secretKey).toBe('API_KEY');
  }, 300_000);

  it('reads a project resource', async () => {
    const uri = `infisical://projects/${sandbox.demo.projectId}`;
    const result = (await inspector(['--method', 'resources/read', '--uri', uri])) as {
      contents: { uri: string; mimeType: string; text: string }[];
    };
    expect(result.contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
    const { project } = JSON.parse(result.contents[0]?.text ?? '{}');
    expect(project.environments.map((env: { slug: string }) => env.slug)).toEqual(
      sandbox.demo.environments,
    );
  }, 300_000);
});
