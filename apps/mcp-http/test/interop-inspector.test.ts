import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allTools } from '@infisical/mcp-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CommandResult,
  runWithNode22,
  type SandboxedHttpServer,
  startSandboxedHttpServer,
  withoutNpmNoise,
} from './support/interop-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';

let target: SandboxedHttpServer;
// The Inspector writes every server it connects to into a catalog; keep it out of ~/.mcp-inspector.
const catalog = join(mkdtempSync(join(tmpdir(), 'interop-inspector-')), 'mcp.json');

function inspector(args: string[]): Promise<CommandResult> {
  return runWithNode22([INSPECTOR], ['mcp-inspector', '--cli', ...args], {
    env: { MCP_CATALOG_PATH: catalog },
  });
}

function parsed<T>(result: CommandResult): T {
  if (result.exitCode !== 0) {
    throw new Error(`inspector exited ${result.exitCode}:\n${withoutNpmNoise(result.stderr)}`);
  }
  return JSON.parse(result.stdout) as T;
}

interface ListedTools {
  tools: { name: string; description?: string }[];
}

interface CalledTool {
  isError?: boolean;
  structuredContent?: { secret?: { secretKey?: string; secretValue?: string } };
}

beforeAll(async () => {
  target = await startSandboxedHttpServer();
});

afterAll(async () => {
  await target?.stop();
});

function getSecretArgs(): string[] {
  return [
    '--method',
    'tools/call',
    '--tool-name',
    'get-secret',
    '--tool-arg',
    `projectId=${target.sandbox.demo.projectId}`,
    'environmentSlug=dev',
    'secretName=API_KEY',
  ];
}

describe(`MCP Inspector CLI ${INSPECTOR} over HTTP (Node 22)`, () => {
  it('lists the tools over Streamable HTTP (--transport http) with no --strict portability errors', async () => {
    const result = await inspector([
      '--transport',
      'http',
      '--server-url',
      target.mcpUrl,
      '--method',
      'tools/list',
      '--strict',
    ]);
    const listed = parsed<ListedTools>(result);
    expect(listed.tools).toHaveLength(TOOL_COUNT);
    expect(listed.tools.map((tool) => tool.name)).toContain('get-secret');
    // --strict prints each portability problem on stderr (and exits 6 on an error-severity one).
    expect(withoutNpmNoise(result.stderr)).toBe('');
  }, 300_000);

  it('calls get-secret over Streamable HTTP, the transport inferred from a URL ending in /mcp', async () => {
    const called = parsed<CalledTool>(await inspector([target.mcpUrl, ...getSecretArgs()]));
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent?.secret).toMatchObject({
      secretKey: 'API_KEY',
      secretValue: 'demo-api-key-0123456789',
    });
  }, 300_000);

  it('lists the tools over legacy HTTP+SSE (--transport sse at /sse) under --strict', async () => {
    const result = await inspector([
      '--transport',
      'sse',
      '--server-url',
      target.sseUrl,
      '--method',
      'tools/list',
      '--strict',
    ]);
    expect(parsed<ListedTools>(result).tools).toHaveLength(TOOL_COUNT);
    expect(withoutNpmNoise(result.stderr)).toBe('');
  }, 300_000);

  it('calls get-secret over legacy HTTP+SSE, the transport inferred from a URL ending in /sse', async () => {
    const called = parsed<CalledTool>(await inspector([target.sseUrl, ...getSecretArgs()]));
    expect(called.isError).toBeFalsy();
    expect(called.structuredContent?.secret?.secretKey).toBe('API_KEY');
  }, 300_000);
});
