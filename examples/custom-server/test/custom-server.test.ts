import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let env: Record<string, string>;

const bin = (name: string) => fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  env = {
    PATH: process.env.PATH ?? '',
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
  };
});

afterAll(async () => {
  await sandbox?.close();
});

/** The custom tool and an Infisical tool, side by side, with the result checked in Infisical. */
async function exercise(transport: Transport, secretName: string) {
  const client = new Client({ name: 'example-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['generate-secret-value', 'create-secret', 'list-projects']),
    );
    const generated = await client.callTool({
      name: 'generate-secret-value',
      arguments: { length: 40 },
    });
    const { secretValue } = generated.structuredContent as { secretValue: string };
    expect(secretValue).toHaveLength(40);
    const created = await client.callTool({
      name: 'create-secret',
      arguments: {
        projectId: sandbox.demo.projectId,
        environmentSlug: 'dev',
        secretName,
        secretValue,
      },
    });
    expect(created.isError).toBeFalsy();
    const stored = await new SandboxAdminClient(sandbox.url).secrets(sandbox.demo.projectId, 'dev');
    expect(stored.find((secret) => secret.key === secretName)?.value).toBe(secretValue);
    const tooShort = await client.callTool({
      name: 'generate-secret-value',
      arguments: { length: 4 },
    });
    expect(tooShort.isError).toBe(true);
  } finally {
    await client.close();
  }
}

describe('the example custom server', () => {
  it('serves its own tool next to Infisical tools over stdio', async () => {
    await exercise(
      new StdioClientTransport({ command: process.execPath, args: [bin('stdio')], env }),
      'FROM_STDIO_EXAMPLE',
    );
  });

  it('serves the same over HTTP', async () => {
    const child = spawn(process.execPath, [bin('http')], {
      env: { ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const { url } = JSON.parse(line) as { url: string };
      await exercise(new StreamableHTTPClientTransport(new URL(url)), 'FROM_HTTP_EXAMPLE');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
