import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let credentials: Record<string, string>;
let projectId: string;

const MASK = /^<masked length=(\d+) fingerprint=([0-9a-f]{12})>$/;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  credentials = sandboxCredentials(sandbox);
});

afterAll(async () => {
  await sandbox?.close();
});

const secretsIn = async (environment: string) =>
  Object.fromEntries(
    (await admin.secrets(projectId, environment)).map((secret) => [secret.key, secret.value]),
  );

/** Every value stored anywhere in the sandbox: none may appear where values are withheld. */
async function storedValues(): Promise<string[]> {
  const { projects } = await admin.state();
  return projects.flatMap((project) =>
    project.environments.flatMap((environment) =>
      environment.secrets.map((secret) => secret.value).filter((value) => value.length >= 5),
    ),
  );
}

describe('protected environments, masks, dry runs, confirm always and the audit file', () => {
  let server: SpawnedServer;
  let auditFile: string;
  let calls = 0;
  const call = (name: string, args: Record<string, unknown>) => {
    calls++;
    return server.call(name, args);
  };

  beforeAll(async () => {
    auditFile = join(mkdtempSync(join(tmpdir(), 'mcp-audit-')), 'audit.jsonl');
    server = await spawnStdioServer(credentials, [
      '--protect-env',
      'prod',
      '--secret-values',
      'mask',
      '--confirm-destructive',
      'always',
      '--exclude-tools',
      'create-project',
      '--audit-log',
      auditFile,
    ]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('advertises dryRun, confirm and includeValues by annotation, and drops excluded tools', async () => {
    const { tools } = await server.client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName['create-project']).toBeUndefined();
    expect(Object.keys(byName['delete-secret']?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['dryRun', 'confirm']),
    );
    expect(byName['create-secret']?.inputSchema.properties).toHaveProperty('dryRun');
    expect(byName['create-secret']?.inputSchema.properties).not.toHaveProperty('confirm');
    expect(byName['get-secret']?.inputSchema.properties).toHaveProperty('includeValues');
    expect(byName['get-secret']?.inputSchema.properties).not.toHaveProperty('dryRun');
    calls++;
    await expect(server.call('create-project', { projectName: 'x', type: 'kms' })).rejects.toThrow(
      /not enabled/,
    );
  });

  it('refuses writes into a protected environment and sends nothing; reads are allowed', async () => {
    const before = await secretsIn('prod');
    await admin.resetStats();
    const refused = await call('create-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'AGENT_WAS_HERE',
      secretValue: 'nope',
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/"prod" is protected/);
    expect((await admin.stats()).total).toBe(0);
    expect(await secretsIn('prod')).toEqual(before);

    const read = await call('get-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'DATABASE_URL',
    });
    expect(read.isError).toBeFalsy();
    const value = (read.structuredContent as { secret: { secretValue: string } }).secret
      .secretValue;
    expect(value).toMatch(MASK);
    expect(value.match(MASK)?.[1]).toBe(String(before.DATABASE_URL?.length));
    expect(textOf(read)).not.toContain(before.DATABASE_URL);
  });

  it('masks never contain the value; equal values have equal fingerprints', async () => {
    for (const [secretName, secretValue] of [
      ['TWIN_A', 'twin-value-123'],
      ['TWIN_B', 'twin-value-123'],
      ['SINGLE', 'other-value-456'],
    ]) {
      const created = await call('create-secret', {
        projectId,
        environmentSlug: 'dev',
        secretName,
        secretValue,
      });
      expect(created.isError).toBeFalsy();
      expect(textOf(created)).not.toContain(secretValue);
    }
    const listed = await call('list-secrets', {
      projectId,
      environmentSlug: 'dev',
      includeValues: true,
    });
    const masks = Object.fromEntries(
      (
        listed.structuredContent as { secrets: { secretKey: string; secretValue: string }[] }
      ).secrets.map((secret) => [secret.secretKey, secret.secretValue]),
    );
    expect(masks.TWIN_A).toMatch(MASK);
    expect(masks.TWIN_A).toBe(masks.TWIN_B);
    expect(masks.SINGLE).not.toBe(masks.TWIN_A);
    const text = textOf(listed);
    for (const value of await storedValues()) expect(text).not.toContain(value);
    expect((await secretsIn('dev')).TWIN_A).toBe('twin-value-123');

    // includeValues may narrow the policy (to none), never widen it.
    const widened = await call('get-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'TWIN_A',
      includeValues: true,
    });
    expect(
      (widened.structuredContent as { secret: { secretValue: string } }).secret.secretValue,
    ).toMatch(MASK);
    const narrowed = await call('get-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'TWIN_A',
      includeValues: false,
    });
    expect((narrowed.structuredContent as { secret: object }).secret).not.toHaveProperty(
      'secretValue',
    );
  });

  it('masks every field that carries secret data: compared values and decrypted plaintext', async () => {
    const compared = await call('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'staging'],
      includeValues: true,
    });
    expect(compared.isError).toBeFalsy();
    const keys = (
      compared.structuredContent as { keys: { valuesByEnvironment?: Record<string, string> }[] }
    ).keys;
    const shown = keys.flatMap((key) => Object.values(key.valuesByEnvironment ?? {}));
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) expect(value).toMatch(MASK);
    const text = JSON.stringify(compared);
    for (const value of await storedValues()) expect(text).not.toContain(value);

    const { keys: kmsKeys } = (await call('list-kms-keys', { projectId })).structuredContent as {
      keys: { id: string }[];
    };
    const keyId = kmsKeys[0]?.id;
    const sealed = await call('kms-encrypt', { keyId, plaintext: 'kms-plaintext-4711' });
    const { ciphertext } = sealed.structuredContent as { ciphertext: string };
    const opened = await call('kms-decrypt', { keyId, ciphertext });
    expect(opened.isError).toBeFalsy();
    expect((opened.structuredContent as { plaintext: string }).plaintext).toMatch(MASK);
    expect(JSON.stringify(opened)).not.toContain('kms-plaintext-4711');
  });
  it('a dry run reports the change and changes nothing', async () => {
    const before = await secretsIn('dev');
    await admin.resetStats();
    const dry = await call('update-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'TWIN_A',
      secretValue: 'would-be-new-value',
      dryRun: true,
    });
    expect(dry.isError).toBeFalsy();
    expect(dry.structuredContent).toMatchObject({
      dryRun: {
        tool: 'update-secret',
        destructive: true,
        projectId,
        environments: ['dev'],
        secretKeys: ['TWIN_A'],
        arguments: { secretValue: expect.stringMatching(MASK) },
      },
    });
    expect(textOf(dry)).not.toContain('would-be-new-value');
    expect((await admin.stats()).total).toBe(0);
    expect(await secretsIn('dev')).toEqual(before);
  });

  it('without elicitation, a destructive call needs confirm naming its target', async () => {
    const target = { projectId, environmentSlug: 'dev', secretName: 'SINGLE' };
    const missing = await call('delete-secret', target);
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('"confirm": "SINGLE"');
    const wrong = await call('delete-secret', { ...target, confirm: 'TWIN_A' });
    expect(wrong.isError).toBe(true);
    expect(await secretsIn('dev')).toHaveProperty('SINGLE');

    const confirmed = await call('delete-secret', { ...target, confirm: 'SINGLE' });
    expect(confirmed.isError).toBeFalsy();
    expect(await secretsIn('dev')).not.toHaveProperty('SINGLE');
  });

  it('the audit file has exactly one correct line per call, and no value', async () => {
    const lines = readFileSync(auditFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(calls);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries[0]).toMatchObject({
      principal: 'local',
      tool: 'create-project',
      outcome: 'not-enabled',
    });
    expect(entries[1]).toMatchObject({
      principal: 'local',
      tool: 'create-secret',
      projectId,
      environment: 'prod',
      path: '/',
      secretKeys: ['AGENT_WAS_HERE'],
      outcome: 'refused',
      reason: 'protected environment',
      durationMs: expect.any(Number),
      time: expect.any(String),
    });
    expect(entries.map((entry) => `${entry.tool}:${entry.outcome}`).slice(-4)).toEqual([
      'update-secret:dry-run',
      'delete-secret:refused',
      'delete-secret:refused',
      'delete-secret:ok',
    ]);
    const text = lines.join('\n');
    for (const value of [...(await storedValues()), 'nope', 'would-be-new-value']) {
      expect(text).not.toContain(value);
    }
    // Written to the file instead of the log, not twice.
    expect(server.stderr()).not.toContain('"msg":"audit"');
  });
});

describe('confirmation through elicitation (default mode auto)', () => {
  let server: SpawnedServer;
  let answer: 'accept' | 'decline' | 'cancel' = 'accept';
  const asked: string[] = [];

  beforeAll(async () => {
    server = await spawnStdioServer(
      credentials,
      [],
      { capabilities: { elicitation: {} } },
      (client) =>
        client.setRequestHandler(ElicitRequestSchema, async (request) => {
          asked.push(request.params.message);
          return { action: answer, ...(answer === 'accept' ? { content: {} } : {}) };
        }),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  it('declined or cancelled: a tool error, nothing deleted', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      answer = action;
      const result = await server.call('delete-secret', {
        projectId,
        environmentSlug: 'dev',
        secretName: 'LOG_LEVEL',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(action === 'decline' ? /declined/ : /cancelled/);
      expect(await secretsIn('dev')).toHaveProperty('LOG_LEVEL');
    }
    expect(asked.at(-1)).toContain('"LOG_LEVEL" in environment "dev"');
  });

  it('accepted: the call runs', async () => {
    answer = 'accept';
    const result = await server.call('delete-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'LOG_LEVEL',
    });
    expect(result.isError).toBeFalsy();
    expect(await secretsIn('dev')).not.toHaveProperty('LOG_LEVEL');
  });

  it('reads are never asked about; the default audit line goes to the log', async () => {
    const count = asked.length;
    await server.call('get-secret', { projectId, environmentSlug: 'dev', secretName: 'API_KEY' });
    expect(asked).toHaveLength(count);
    const audits = server
      .stderr()
      .split('\n')
      .filter((line) => line.includes('"msg":"audit"'))
      .map((line) => JSON.parse(line).audit);
    expect(audits.map((entry) => entry.outcome)).toEqual(['declined', 'declined', 'ok', 'ok']);
  });
});

describe('--read-only, --tools, --secret-values deny', () => {
  it('lists and runs only allowed read tools, and no value reaches a response or the log', async () => {
    const server = await spawnStdioServer(credentials, [
      '--read-only',
      '--tools',
      'list-secrets,get-secret,create-secret,list-projects',
      '--secret-values',
      'deny',
    ]);
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([
        'get-secret',
        'list-projects',
        'list-secrets',
      ]);
      const before = await secretsIn('dev');
      await expect(
        server.call('create-secret', { projectId, environmentSlug: 'dev', secretName: 'RO' }),
      ).rejects.toThrow(/not enabled/);
      expect(await secretsIn('dev')).toEqual(before);

      const responses = [
        await server.call('list-secrets', {
          projectId,
          environmentSlug: 'dev',
          includeImports: true,
          includeValues: true,
        }),
        await server.call('list-secrets', {
          projectId,
          environmentSlug: 'prod',
          includeValues: true,
        }),
        await server.call('get-secret', {
          projectId,
          environmentSlug: 'dev',
          secretName: 'DB_DSN',
        }),
      ];
      for (const response of responses) expect(response.isError).toBeFalsy();
      const [listed] = responses;
      const secrets =
        (listed?.structuredContent as { secrets: object[] } | undefined)?.secrets ?? [];
      expect(secrets.length).toBeGreaterThan(2);
      for (const secret of secrets) expect(secret).not.toHaveProperty('secretValue');
      const everything = JSON.stringify(responses) + server.stderr();
      for (const value of await storedValues()) expect(everything).not.toContain(value);
    } finally {
      await server.close();
    }
  });
});

describe('--no-confirm', () => {
  it('runs destructive calls without asking, even a client that could be asked', async () => {
    let asked = 0;
    const server = await spawnStdioServer(
      credentials,
      ['--no-confirm'],
      { capabilities: { elicitation: {} } },
      (client) =>
        client.setRequestHandler(ElicitRequestSchema, async () => {
          asked++;
          return { action: 'decline' };
        }),
    );
    try {
      const result = await server.call('delete-secret', {
        projectId,
        environmentSlug: 'dev',
        secretName: 'TWIN_B',
      });
      expect(result.isError).toBeFalsy();
      expect(asked).toBe(0);
      expect(await secretsIn('dev')).not.toHaveProperty('TWIN_B');
    } finally {
      await server.close();
    }
  });
});
