import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const KEYS = {
  admin: 'admin-key-0123456789',
  deployer: 'deployer-key-0123456789',
  viewer: 'viewer-key-0123456789',
  strict: 'strict-key-0123456789',
  reader: 'reader-key-0123456789',
};
const MASK = /^<masked length=(\d+) fingerprint=([0-9a-f]{12})>$/;

let running: ServerAgainstSandbox;
let auditFile: string;
let projectId: string;
/** Tool calls made, by key id: the audit file must have exactly these. */
const made: string[] = [];

interface Session {
  client: Client;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
}

async function connect(
  key: keyof typeof KEYS,
  elicit?: (message: string) => ElicitResult['action'],
): Promise<Session> {
  const client = new Client(
    { name: 'safety-test', version: '1.0.0' },
    elicit ? { capabilities: { elicitation: {} } } : undefined,
  );
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      const action = elicit(request.params.message);
      return action === 'accept' ? { action, content: {} } : { action };
    });
  }
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${running.server.baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${KEYS[key]}` } },
    }),
  );
  return {
    client,
    call: (name, args) => {
      made.push(key);
      return client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
    },
  };
}

const secretsIn = async (environment: string) =>
  Object.fromEntries(
    (await running.admin.secrets(projectId, environment)).map((secret) => [
      secret.key,
      secret.value,
    ]),
  );

async function storedValues(): Promise<string[]> {
  const { projects } = await running.admin.state();
  return projects.flatMap((project) =>
    project.environments.flatMap((environment) =>
      environment.secrets.map((secret) => secret.value).filter((value) => value.length >= 5),
    ),
  );
}

const secretValueIn = (result: CallToolResult) =>
  (result.structuredContent as { secret: { secretValue?: string } }).secret.secretValue;

beforeAll(async () => {
  auditFile = join(mkdtempSync(join(tmpdir(), 'mcp-http-audit-')), 'audit.jsonl');
  running = await startServerAgainstSandbox([
    '--auth',
    'api-key',
    '--api-keys',
    JSON.stringify([
      { id: 'admin', sha256: sha256(KEYS.admin) },
      {
        id: 'deployer',
        sha256: sha256(KEYS.deployer),
        allowProtectedWrites: true,
        confirmDestructive: 'off',
      },
      {
        id: 'viewer',
        sha256: sha256(KEYS.viewer),
        secretValues: 'deny',
        excludeTools: ['get-secret'],
        tools: ['list-secrets', 'get-secret', 'list-projects'],
      },
      { id: 'strict', sha256: sha256(KEYS.strict), confirmDestructive: 'always' },
      { id: 'reader', sha256: sha256(KEYS.reader), readOnly: true },
    ]),
    '--protect-env',
    'prod',
    '--secret-values',
    'mask',
    '--audit-log',
    auditFile,
  ]);
  projectId = running.projectId;
});

afterAll(async () => {
  await running?.close();
});

describe('safety over HTTP, per API key', () => {
  it('protected environment: refused for one key, nothing sent; allowed for the key allowed to', async () => {
    const admin = await connect('admin');
    const deployer = await connect('deployer');
    const before = await secretsIn('prod');
    await running.admin.resetStats();
    const refused = await admin.call('update-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'DATABASE_URL',
      secretValue: 'postgres://agent-was-here',
    });
    expect(refused.isError).toBe(true);
    expect((await running.admin.stats()).total).toBe(0);
    expect(await secretsIn('prod')).toEqual(before);

    const read = await admin.call('get-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'DATABASE_URL',
    });
    expect(secretValueIn(read)).toMatch(MASK);

    const written = await deployer.call('create-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'RELEASE',
      secretValue: 'release-2026-11',
    });
    expect(written.isError).toBeFalsy();
    expect((await secretsIn('prod')).RELEASE).toBe('release-2026-11');
    // The same value read by another key has the same fingerprint: one key per server.
    await admin.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'RELEASE',
      secretValue: 'release-2026-11',
    });
    const devRelease = await deployer.call('get-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'RELEASE',
    });
    const prodRelease = await admin.call('get-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'RELEASE',
    });
    expect(secretValueIn(devRelease)).toMatch(MASK);
    expect(secretValueIn(devRelease)).toBe(secretValueIn(prodRelease));
    expect(secretValueIn(prodRelease)).not.toBe(secretValueIn(read));
    await admin.client.close();
    await deployer.client.close();
  });

  it('a key denied values sees none, and only its own narrowed tool list', async () => {
    const viewer = await connect('viewer');
    const { tools } = await viewer.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['list-secrets', 'list-projects']);
    // Asking for values must not widen the key's deny policy.
    const listed = await viewer.call('list-secrets', {
      projectId,
      environmentSlug: 'dev',
      includeValues: true,
    });
    expect(listed.isError).toBeFalsy();
    const { secrets } = listed.structuredContent as { secrets: object[] };
    expect(secrets.length).toBeGreaterThan(3);
    for (const secret of secrets) expect(secret).not.toHaveProperty('secretValue');
    const text = JSON.stringify(listed);
    for (const value of await storedValues()) expect(text).not.toContain(value);
    await viewer.client.close();
  });

  it('a read-only key cannot write', async () => {
    const reader = await connect('reader');
    const before = await running.admin.state();
    await expect(
      reader.call('delete-secret', { projectId, environmentSlug: 'dev', secretName: 'API_KEY' }),
    ).rejects.toThrow(/not enabled/);
    expect(await running.admin.state()).toEqual(before);
    await reader.client.close();
  });

  it('confirm always: refused without confirm, a dry run changes nothing, confirm runs', async () => {
    const strict = await connect('strict');
    const target = { projectId, environmentSlug: 'dev', secretName: 'LOG_LEVEL' };
    const refused = await strict.call('delete-secret', target);
    expect(refused.isError).toBe(true);
    expect(await secretsIn('dev')).toHaveProperty('LOG_LEVEL');

    await running.admin.resetStats();
    const dry = await strict.call('delete-secret', { ...target, dryRun: true });
    expect(dry.structuredContent).toMatchObject({
      dryRun: { tool: 'delete-secret', secretKeys: ['LOG_LEVEL'], environments: ['dev'] },
    });
    expect((await running.admin.stats()).total).toBe(0);
    expect(await secretsIn('dev')).toHaveProperty('LOG_LEVEL');

    const done = await strict.call('delete-secret', { ...target, confirm: 'LOG_LEVEL' });
    expect(done.isError).toBeFalsy();
    expect(await secretsIn('dev')).not.toHaveProperty('LOG_LEVEL');
    await strict.client.close();
  });

  it('elicitation over Streamable HTTP: declined changes nothing, accepted runs', async () => {
    let answer: ElicitResult['action'] = 'decline';
    const messages: string[] = [];
    const admin = await connect('admin', (message) => {
      messages.push(message);
      return answer;
    });
    const target = { projectId, environmentSlug: 'dev', secretName: 'DB_DSN' };
    const declined = await admin.call('delete-secret', target);
    expect(declined.isError).toBe(true);
    expect(messages[0]).toContain('"DB_DSN" in environment "dev"');
    expect(await secretsIn('dev')).toHaveProperty('DB_DSN');
    answer = 'accept';
    const accepted = await admin.call('delete-secret', target);
    expect(accepted.isError).toBeFalsy();
    expect(await secretsIn('dev')).not.toHaveProperty('DB_DSN');
    await admin.client.close();
  });

  it('the audit file has one line per call with the key id, and no value; nor has the log', async () => {
    const entries = readFileSync(auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.map((entry) => entry.principal)).toEqual(made);
    expect(entries[0]).toMatchObject({
      principal: 'admin',
      tool: 'update-secret',
      projectId,
      environment: 'prod',
      secretKeys: ['DATABASE_URL'],
      outcome: 'refused',
    });
    expect(entries.filter((entry) => entry.outcome === 'declined')).toHaveLength(1);
    const everything = readFileSync(auditFile, 'utf8') + running.server.output();
    for (const value of [...(await storedValues()), 'postgres://agent-was-here']) {
      expect(everything).not.toContain(value);
    }
  });
});

describe('server-wide settings over WebSocket, audit trail on stdout', () => {
  let other: ServerAgainstSandbox;

  beforeAll(async () => {
    // The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
    if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });
    other = await startServerAgainstSandbox([
      '--audit-log',
      'stdout',
      '--exclude-tools',
      'list-projects',
      '--secret-values',
      'deny',
    ]);
  });
  afterAll(async () => {
    await other?.close();
  });

  it('asks through elicitation over WebSocket, withholds values, audits as a stream', async () => {
    const client = new Client(
      { name: 'ws-safety', version: '1.0.0' },
      { capabilities: { elicitation: {} } },
    );
    client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
    await client.connect(
      new WebSocketClientTransport(new URL(`${other.server.baseUrl.replace(/^http/, 'ws')}/ws`)),
    );
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).not.toContain('list-projects');
      expect(names).toContain('get-project');
      const args = { projectId: other.projectId, environmentSlug: 'dev', secretName: 'API_KEY' };
      const declined = (await client.callTool({
        name: 'delete-secret',
        arguments: args,
      })) as CallToolResult;
      expect(declined.isError).toBe(true);
      expect(
        (await other.admin.secrets(other.projectId, 'dev')).some(
          (secret) => secret.key === 'API_KEY',
        ),
      ).toBe(true);
      const read = (await client.callTool({
        name: 'get-secret',
        arguments: args,
      })) as CallToolResult;
      expect((read.structuredContent as { secret: object }).secret).not.toHaveProperty(
        'secretValue',
      );
    } finally {
      await client.close();
    }
    const audit = other.server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{"time"'))
      .map((line) => JSON.parse(line));
    expect(audit.map((entry) => [entry.principal, entry.tool, entry.outcome])).toEqual([
      ['anonymous', 'delete-secret', 'declined'],
      ['anonymous', 'get-secret', 'ok'],
    ]);
    expect(other.server.output()).not.toContain('"msg":"audit"');
    expect(other.server.output()).not.toContain('demo-api-key-0123456789');
  });
});
