import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The example over stdio with extra INFISICAL_* variables, as a client would start it. */
async function connectWith(extra: Record<string, string>) {
  const client = new Client({ name: 'example-settings-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [bin('stdio')],
      env: { ...env, ...extra },
    }),
  );
  return client;
}

describe('the example honours the INFISICAL_* settings', () => {
  it('tool lists, read-only, the value policy and the audit trail', async () => {
    const audit = join(mkdtempSync(join(tmpdir(), 'example-audit-')), 'audit.jsonl');
    const client = await connectWith({
      INFISICAL_READ_ONLY: 'true',
      INFISICAL_ENABLED_TOOLS: 'get-secret,list-secrets,create-secret',
      INFISICAL_EXCLUDED_TOOLS: 'list-secrets',
      INFISICAL_SECRET_VALUES: 'mask',
      INFISICAL_AUDIT_LOG: audit,
    });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['get-secret']);
      const read = await client.callTool({
        name: 'get-secret',
        arguments: {
          projectId: sandbox.demo.projectId,
          environmentSlug: 'dev',
          secretName: 'API_KEY',
        },
      });
      expect(read.isError).toBeFalsy();
      const { secret } = read.structuredContent as { secret: { secretValue: string } };
      expect(secret.secretValue).toMatch(/^<masked length=\d+ fingerprint=[0-9a-f]+>$/);
      const entries = readFileSync(audit, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(entries).toEqual([expect.objectContaining({ tool: 'get-secret', outcome: 'ok' })]);
    } finally {
      await client.close();
    }
  });

  it('protected environments, confirmation and toolsets', async () => {
    const client = await connectWith({
      INFISICAL_TOOLSETS: 'secrets',
      INFISICAL_PROTECTED_ENVIRONMENTS: 'de*',
      INFISICAL_CONFIRM_DESTRUCTIVE: 'always',
    });
    try {
      const { tools } = await client.listTools();
      const names = tools.map((tool) => tool.name);
      expect(names).toContain('create-secret');
      expect(names).not.toContain('list-projects');
      // The example's own tool belongs to no Infisical toolset, so a toolset choice drops it.
      expect(names).not.toContain('generate-secret-value');
      const refused = await client.callTool({
        name: 'create-secret',
        arguments: {
          projectId: sandbox.demo.projectId,
          environmentSlug: 'dev',
          secretName: 'NOT_IN_DEV',
          secretValue: 'x',
        },
      });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toContain('protected');
      const deleteTool = tools.find((tool) => tool.name === 'delete-secret');
      // With confirmation always on, a destructive tool takes a confirm argument.
      expect(Object.keys(deleteTool?.inputSchema.properties ?? {})).toContain('confirm');
    } finally {
      await client.close();
    }
  });

  it('stops with the variable named when a value is wrong', () => {
    const run = spawnSync(process.execPath, [bin('stdio')], {
      env: { ...env, INFISICAL_SECRET_VALUES: 'hide' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'INFISICAL_SECRET_VALUES: expected one of reveal, mask, deny, got "hide".',
    );
  });

  it('the process settings: INFISICAL_MCP_SANDBOX starts its own sandbox, INFISICAL_MCP_LOG_LEVEL and DEBUG set the logs', async () => {
    const settings: Record<string, string>[] = [
      { INFISICAL_MCP_LOG_LEVEL: 'debug' },
      { DEBUG: 'infisical-mcp:*' },
    ];
    for (const logs of settings) {
      const stderr: string[] = [];
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [bin('stdio')],
        // No Infisical host or credentials: the sandbox is the server's own.
        env: { PATH: process.env.PATH ?? '', INFISICAL_MCP_SANDBOX: 'true', ...logs },
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      const client = new Client({ name: 'example-process-settings', version: '1.0.0' });
      await client.connect(transport);
      try {
        const projects = await client.callTool({ name: 'list-projects', arguments: {} });
        expect(projects.isError).toBeFalsy();
        expect(JSON.stringify(projects.structuredContent)).toContain('Demo');
        expect(stderr.join('')).toMatch(/"level":"debug"/);
      } finally {
        await client.close();
      }
    }
    // Without either, no debug lines.
    const quiet = spawnSync(process.execPath, [bin('stdio')], {
      env: { PATH: process.env.PATH ?? '', INFISICAL_MCP_SANDBOX: 'true' },
      input: '',
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(quiet.stderr).not.toMatch(/"level":"debug"/);
  });
});
