import { hintsWithDefaults } from '@infisical/mcp-core';
// The secrets and tags toolsets end to end: the built stdio bin, the SDK client, the sandbox.
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

/** Well formed, and issued to nothing. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let server: SpawnedServer;
/** A project of its own, so the demo project's secrets do not blur the assertions. */
let projectId: string;
/** A project the server's identity is not a member of: every call on it is refused (403). */
let foreignProjectId: string;

const UNKNOWN_PROJECT = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  const state = sandbox.state;
  projectId = state.createProject({
    name: 'Secrets tools',
    adminIdentityId: sandbox.demo.identityId,
  }).id;
  foreignProjectId = state.createProject({ name: 'Not ours' }).id;
  const project = state.requireProject(projectId);
  state.createFolder(project, 'dev', { parentPath: '/', name: 'bulk' });
  const put = (environment: string, key: string, value: string, extra = {}) =>
    state.putSecret({ projectId, environment, key, value, ...extra });
  put('dev', 'DATABASE_URL', 'dev-db-value-1', { tags: ['backend'] });
  put('dev', 'DB_DSN', 'dsn:${DATABASE_URL}');
  put('dev', 'LOG_LEVEL', 'debug-level-value', { tags: ['frontend'] });
  put('dev', 'REDIS_URL', 'redis-dev-value', { secretPath: '/backend' });
  put('staging', 'DATABASE_URL', 'staging-db-value');
  put('staging', 'LOG_LEVEL', 'debug-level-value');
  put('staging', 'SHARED_TOKEN', 'shared-token-value', { secretPath: '/shared' });
  put('prod', 'DATABASE_URL', 'prod-db-value');
  state.addSecretImport({
    projectId,
    environment: 'dev',
    importEnvironment: 'staging',
    importPath: '/shared',
  });
  server = await spawnStdioServer(sandboxCredentials(sandbox));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

const dev = () => ({ projectId, environmentSlug: 'dev' });
const stored = async (environment: string, path = '/') =>
  (await admin.secrets(projectId, environment)).filter((secret) => secret.path === path);
const storedKeys = async (environment: string, path = '/') =>
  (await stored(environment, path)).map((secret) => secret.key).sort();

describe('tools/list', () => {
  it('advertises the new tools with output schemas and honest annotations', async () => {
    const { tools } = await server.client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    for (const name of [
      'create-secrets',
      'update-secrets',
      'delete-secrets',
      'compare-environments',
      'search-secrets',
      'list-tags',
      'create-tag',
      'delete-tag',
    ]) {
      expect(byName[name]?.outputSchema?.type, name).toBe('object');
      const sentences = byName[name]?.description?.split(/[.!?]\s+(?=[A-Z])/) ?? [];
      expect(sentences.length, name).toBeLessThanOrEqual(3);
    }
    for (const name of ['delete-secrets', 'update-secrets', 'delete-tag']) {
      expect(hintsWithDefaults(byName[name]?.annotations).destructiveHint, name).toBe(true);
    }
    for (const name of ['compare-environments', 'search-secrets', 'list-tags']) {
      expect(byName[name]?.annotations?.readOnlyHint, name).toBe(true);
    }
    expect(byName['list-secrets']?.inputSchema.properties?.includeValues).toMatchObject({
      type: 'boolean',
      default: false,
    });
  });
});

describe('list-secrets', () => {
  it('returns names and metadata without values by default', async () => {
    const result = await server.call('list-secrets', dev());
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as {
      secrets: Record<string, unknown>[];
      imports: { environment: string; secretPath: string; secrets: Record<string, unknown>[] }[];
      totalCount: number;
    };
    expect(content.secrets.map((secret) => secret.secretKey).sort()).toEqual(
      await storedKeys('dev'),
    );
    expect(content.secrets.find((s) => s.secretKey === 'DATABASE_URL')).toMatchObject({
      tags: ['backend'],
      version: 1,
      secretPath: '/',
    });
    for (const secret of [...content.secrets, ...content.imports.flatMap((i) => i.secrets)]) {
      expect(secret).not.toHaveProperty('secretValue');
    }
    expect(content.imports).toEqual([
      expect.objectContaining({ environment: 'staging', secretPath: '/shared' }),
    ]);
    expect(content.totalCount).toBe(4);
    expect(textOf(result)).not.toContain('dev-db-value-1');
    expect(textOf(result)).not.toContain('shared-token-value');
  });

  it('returns values, references expanded, when asked', async () => {
    const result = await server.call('list-secrets', { ...dev(), includeValues: true });
    const secrets = (result.structuredContent as { secrets: Record<string, string>[] }).secrets;
    expect(secrets.find((s) => s.secretKey === 'DB_DSN')?.secretValue).toBe('dsn:dev-db-value-1');
    const raw = await server.call('list-secrets', {
      ...dev(),
      includeValues: true,
      expandSecretReferences: false,
      includeImports: false,
    });
    const content = raw.structuredContent as { secrets: Record<string, string>[]; imports: [] };
    expect(content.secrets.find((s) => s.secretKey === 'DB_DSN')?.secretValue).toBe(
      'dsn:${DATABASE_URL}',
    );
    expect(content.imports).toEqual([]);
  });

  it('filters by tag and goes down folders with recursive', async () => {
    const tagged = await server.call('list-secrets', {
      ...dev(),
      tagSlugs: ['backend'],
      includeImports: false,
    });
    expect(
      (tagged.structuredContent as { secrets: { secretKey: string }[] }).secrets.map(
        (s) => s.secretKey,
      ),
    ).toEqual(['DATABASE_URL']);
    const deep = await server.call('list-secrets', {
      ...dev(),
      recursive: true,
      includeImports: false,
    });
    const secrets = (deep.structuredContent as { secrets: Record<string, string>[] }).secrets;
    expect(secrets.find((s) => s.secretKey === 'REDIS_URL')).toMatchObject({
      secretPath: '/backend',
    });
  });

  it('pages with a cursor until every secret was seen once, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await server.call('list-secrets', {
        ...dev(),
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      const content = result.structuredContent as {
        secrets: { secretKey: string }[];
        imports: { secrets: { secretKey: string }[] }[];
        nextCursor?: string;
        totalCount: number;
      };
      expect(content.totalCount).toBe(4);
      seen.push(
        ...content.secrets.map((s) => s.secretKey),
        ...content.imports.flatMap((i) => i.secrets.map((s) => `import:${s.secretKey}`)),
      );
      cursor = content.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([...(await storedKeys('dev')), 'import:SHARED_TOKEN'].sort());

    const forged = await server.call('list-secrets', { ...dev(), cursor: 'not-a-cursor' });
    expect(forged.isError).toBe(true);
    expect(textOf(forged)).toMatch(/cursor/);
  });

  it('reports wrong types, unknown projects and refused projects as tool errors', async () => {
    const wrongType = await server.call('list-secrets', { ...dev(), limit: 'ten' });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/limit/);
    const unknown = await server.call('list-secrets', {
      projectId: UNKNOWN_PROJECT,
      environmentSlug: 'dev',
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/404/);
    const denied = await server.call('list-secrets', {
      projectId: foreignProjectId,
      environmentSlug: 'dev',
    });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/403/);
  });
});

describe('get-secret with a version', () => {
  it('reads an earlier version, and says so when there is no such version', async () => {
    sandbox.state.putSecret({ projectId, environment: 'prod', key: 'VERSIONED', value: 'v-one' });
    sandbox.state.putSecret({ projectId, environment: 'prod', key: 'VERSIONED', value: 'v-two' });
    const prod = { projectId, environmentSlug: 'prod', secretName: 'VERSIONED' };
    const first = await server.call('get-secret', { ...prod, version: 1 });
    expect(first.structuredContent).toMatchObject({
      secret: { secretValue: 'v-one', version: 1 },
    });
    const current = await server.call('get-secret', prod);
    expect(current.structuredContent).toMatchObject({
      secret: { secretValue: 'v-two', version: 2 },
    });
    const missing = await server.call('get-secret', { ...prod, version: 9 });
    expect(missing.isError).toBe(true);
    const zero = await server.call('get-secret', { ...prod, version: 0 });
    expect(zero.isError).toBe(true);
    expect(textOf(zero)).toMatch(/version/);
  });
});

describe('update-secret', () => {
  it('changes the comment and tags, and moves the secret keeping its tags', async () => {
    await server.call('create-tag', { projectId, slug: 'payments' });
    sandbox.state.putSecret({ projectId, environment: 'dev', key: 'STRIPE_KEY', value: 'sk-1' });
    const changed = await server.call('update-secret', {
      ...dev(),
      secretName: 'STRIPE_KEY',
      secretComment: 'rotated quarterly',
      tagSlugs: ['payments', 'backend'],
    });
    expect(changed.isError).toBeFalsy();
    expect(changed.structuredContent).toMatchObject({
      secret: { secretKey: 'STRIPE_KEY', secretComment: 'rotated quarterly', version: 2 },
    });
    expect((await stored('dev')).find((s) => s.key === 'STRIPE_KEY')).toMatchObject({
      comment: 'rotated quarterly',
      tags: ['payments', 'backend'],
      value: 'sk-1',
    });

    const moved = await server.call('update-secret', {
      ...dev(),
      secretName: 'STRIPE_KEY',
      newSecretPath: '/backend',
    });
    expect(moved.isError).toBeFalsy();
    expect(moved.structuredContent).toMatchObject({
      secret: { secretKey: 'STRIPE_KEY', secretPath: '/backend', secretValue: 'sk-1' },
    });
    expect(await storedKeys('dev')).not.toContain('STRIPE_KEY');
    expect((await stored('dev', '/backend')).find((s) => s.key === 'STRIPE_KEY')).toMatchObject({
      value: 'sk-1',
      comment: 'rotated quarterly',
      tags: ['payments', 'backend'],
    });
  });

  it('refuses a move to a missing folder, an unknown tag and an empty update, changing nothing', async () => {
    const before = await admin.secrets(projectId, 'dev');
    const noFolder = await server.call('update-secret', {
      ...dev(),
      secretName: 'LOG_LEVEL',
      newSecretPath: '/nowhere',
    });
    expect(noFolder.isError).toBe(true);
    expect(textOf(noFolder)).toMatch(/Destination path does not exist/);
    const badTag = await server.call('update-secret', {
      ...dev(),
      secretName: 'LOG_LEVEL',
      secretValue: 'changed',
      tagSlugs: ['no-such-tag'],
    });
    expect(badTag.isError).toBe(true);
    expect(textOf(badTag)).toMatch(/no-such-tag/);
    const nothing = await server.call('update-secret', { ...dev(), secretName: 'LOG_LEVEL' });
    expect(nothing.isError).toBe(true);
    const badPath = await server.call('update-secret', {
      ...dev(),
      secretName: 'LOG_LEVEL',
      newSecretPath: 'relative',
    });
    expect(badPath.isError).toBe(true);
    expect(await admin.secrets(projectId, 'dev')).toEqual(before);
  });
});

describe('batch secret tools', () => {
  const many = Array.from({ length: 250 }, (_, index) => `BULK_${String(index).padStart(3, '0')}`);

  it('create-secrets writes in chunks of 100 and reports progress before each', async () => {
    const progress: { progress: number; total?: number }[] = [];
    const sentBefore = server.progressSent.length;
    const result = await server.client.callTool(
      {
        name: 'create-secrets',
        arguments: {
          ...dev(),
          secretPath: '/bulk',
          secrets: many.map((secretName) => ({
            secretName,
            secretValue: `value-of-${secretName}`,
            ...(secretName === 'BULK_000' ? { tagSlugs: ['backend'] } : {}),
          })),
        },
      },
      undefined,
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { created: unknown[] }).created).toHaveLength(250);
    expect(textOf(result as never)).not.toContain('value-of-');
    // A result this big is written with its structured output spliced from the text block.
    expect(textOf(result as never).length).toBeGreaterThan(4096);
    expect(JSON.parse(textOf(result as never))).toEqual(result.structuredContent);
    const expected = [
      [0, 250],
      [100, 250],
      [200, 250],
    ];
    expect(
      server.progressSent.slice(sentBefore).map(({ progress: done, total }) => [done, total]),
    ).toEqual(expected);
    // What the SDK client passed on: the same, but for the last ones it may miss (progressSent).
    expect(expected.slice(0, progress.length)).toEqual(
      progress.map(({ progress: done, total }) => [done, total]),
    );
    const bulk = await stored('dev', '/bulk');
    expect(bulk.map((secret) => secret.key).sort()).toEqual(many);
    expect(bulk.find((secret) => secret.key === 'BULK_007')?.value).toBe('value-of-BULK_007');
    expect(bulk.find((secret) => secret.key === 'BULK_000')?.tags).toEqual(['backend']);
  });

  it('create-secrets is all or nothing and refuses repeated names before sending', async () => {
    const clash = await server.call('create-secrets', {
      ...dev(),
      secrets: [{ secretName: 'FRESH_ONE', secretValue: 'x' }, { secretName: 'LOG_LEVEL' }],
    });
    expect(clash.isError).toBe(true);
    expect(textOf(clash)).toMatch(/already exist/);
    const repeated = await server.call('create-secrets', {
      ...dev(),
      secrets: [{ secretName: 'TWICE' }, { secretName: 'TWICE' }],
    });
    expect(repeated.isError).toBe(true);
    expect(textOf(repeated)).toMatch(/TWICE/);
    const missing = await server.call('create-secrets', dev());
    expect(missing.isError).toBe(true);
    const empty = await server.call('create-secrets', { ...dev(), secrets: [] });
    expect(empty.isError).toBe(true);
    expect(await storedKeys('dev')).not.toContain('FRESH_ONE');
    expect(await storedKeys('dev')).not.toContain('TWICE');
  });

  it('create-secrets says which secrets an earlier request wrote when a later one fails', async () => {
    sandbox.state.createFolder(sandbox.state.requireProject(projectId), 'dev', {
      parentPath: '/',
      name: 'partial',
    });
    sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      secretPath: '/partial',
      key: 'PART_120',
      value: 'already-there',
    });
    const names = Array.from(
      { length: 150 },
      (_, index) => `PART_${String(index).padStart(3, '0')}`,
    );
    const result = await server.call('create-secrets', {
      ...dev(),
      secretPath: '/partial',
      secrets: names.map((secretName) => ({ secretName, secretValue: 'x' })),
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/first 100 of 150 secrets were already created/);
    expect(textOf(result)).toMatch(/PART_000, PART_001/);
    expect(await storedKeys('dev', '/partial')).toEqual(
      [...names.slice(0, 100), 'PART_120'].sort(),
    );
  });

  it('update-secrets changes several secrets at once, or none when one is missing', async () => {
    const refused = await server.call('update-secrets', {
      ...dev(),
      secretPath: '/bulk',
      secrets: [
        { secretName: 'BULK_001', secretValue: 'new-1' },
        { secretName: 'NOT_THERE', secretValue: 'new-2' },
      ],
    });
    expect(refused.isError).toBe(true);
    expect((await stored('dev', '/bulk')).find((s) => s.key === 'BULK_001')?.value).toBe(
      'value-of-BULK_001',
    );

    const result = await server.call('update-secrets', {
      ...dev(),
      secretPath: '/bulk',
      createMissing: true,
      secrets: [
        { secretName: 'BULK_001', secretValue: 'new-1', secretComment: 'bulk edit' },
        { secretName: 'BULK_002', newSecretName: 'BULK_RENAMED' },
        { secretName: 'NOT_THERE', secretValue: 'created-by-upsert' },
      ],
    });
    expect(result.isError).toBeFalsy();
    expect(
      (result.structuredContent as { updated: { secretKey: string }[] }).updated.map(
        (s) => s.secretKey,
      ),
    ).toEqual(['BULK_001', 'BULK_RENAMED', 'NOT_THERE']);
    const bulk = await stored('dev', '/bulk');
    expect(bulk.find((s) => s.key === 'BULK_001')).toMatchObject({
      value: 'new-1',
      comment: 'bulk edit',
      version: 2,
    });
    expect(bulk.find((s) => s.key === 'BULK_RENAMED')?.value).toBe('value-of-BULK_002');
    expect(bulk.find((s) => s.key === 'NOT_THERE')?.value).toBe('created-by-upsert');
  });

  it('delete-secrets deletes in chunks with progress, or nothing when a name is missing', async () => {
    const refused = await server.call('delete-secrets', {
      ...dev(),
      secretPath: '/bulk',
      secretNames: ['BULK_003', 'NEVER_EXISTED'],
    });
    expect(refused.isError).toBe(true);
    expect(await storedKeys('dev', '/bulk')).toContain('BULK_003');

    const names = await storedKeys('dev', '/bulk');
    const sentBefore = server.progressSent.length;
    const result = await server.client.callTool(
      { name: 'delete-secrets', arguments: { ...dev(), secretPath: '/bulk', secretNames: names } },
      undefined,
      { onprogress: () => {} },
    );
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { deleted: unknown[] }).deleted).toHaveLength(names.length);
    expect(server.progressSent.slice(sentBefore).map(({ progress }) => progress)).toEqual([
      0, 100, 200,
    ]);
    expect(await storedKeys('dev', '/bulk')).toEqual([]);
  });

  it('refuses batch writes on a project the identity may not use', async () => {
    const denied = await server.call('create-secrets', {
      projectId: foreignProjectId,
      environmentSlug: 'dev',
      secrets: [{ secretName: 'INTRUDER', secretValue: 'x' }],
    });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/403/);
    expect(await admin.secrets(foreignProjectId, 'dev')).toEqual([]);
  });
});

describe('compare-environments', () => {
  it('says which names exist where and whether values match, without printing values', async () => {
    const result = await server.call('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'staging', 'prod'],
    });
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as {
      keys: { secretKey: string; presentIn: string[]; missingFrom: string[]; values: string }[];
      summary: Record<string, number>;
    };
    const byKey = Object.fromEntries(content.keys.map((key) => [key.secretKey, key]));
    expect(byKey.DATABASE_URL).toMatchObject({
      presentIn: ['dev', 'staging', 'prod'],
      missingFrom: [],
      values: 'different',
    });
    expect(byKey.LOG_LEVEL).toMatchObject({
      presentIn: ['dev', 'staging'],
      missingFrom: ['prod'],
      values: 'same',
    });
    expect(byKey.DB_DSN).toMatchObject({ presentIn: ['dev'], values: 'only-one' });
    expect(byKey.DATABASE_URL).not.toHaveProperty('valuesByEnvironment');
    for (const value of ['dev-db-value-1', 'staging-db-value', 'prod-db-value', 'debug-level']) {
      expect(textOf(result)).not.toContain(value);
    }
    const withValues = await server.call('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'prod'],
      includeValues: true,
      onlyDifferences: true,
    });
    const keys = (withValues.structuredContent as { keys: Record<string, unknown>[] }).keys;
    expect(keys.find((key) => key.secretKey === 'DATABASE_URL')?.valuesByEnvironment).toEqual({
      dev: 'dev-db-value-1',
      prod: 'prod-db-value',
    });
  });

  it('refuses one environment, an unknown environment and a refused project', async () => {
    const one = await server.call('compare-environments', { projectId, environmentSlugs: ['dev'] });
    expect(one.isError).toBe(true);
    const unknown = await server.call('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'qa'],
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/qa.*dev, staging, prod/);
    const denied = await server.call('compare-environments', {
      projectId: foreignProjectId,
      environmentSlugs: ['dev', 'prod'],
    });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/403/);
  });
});

describe('search-secrets', () => {
  it('finds names by glob or substring across folders and environments, without values', async () => {
    const glob = await server.call('search-secrets', { projectId, query: '*_url' });
    expect(glob.isError).toBeFalsy();
    const matches = (
      glob.structuredContent as {
        matches: { secretKey: string; environment: string; secretPath: string }[];
      }
    ).matches.map((m) => `${m.environment}:${m.secretPath}:${m.secretKey}`);
    expect(matches).toEqual([
      'dev:/:DATABASE_URL',
      'dev:/backend:REDIS_URL',
      'staging:/:DATABASE_URL',
      'prod:/:DATABASE_URL',
    ]);
    expect(textOf(glob)).not.toContain('redis-dev-value');

    const substring = await server.call('search-secrets', {
      projectId,
      query: 'token',
      environmentSlugs: ['staging'],
      includeValues: true,
      limit: 1,
    });
    expect(substring.structuredContent).toMatchObject({
      matches: [
        { secretKey: 'SHARED_TOKEN', secretPath: '/shared', secretValue: 'shared-token-value' },
      ],
      searchedEnvironments: ['staging'],
      totalCount: 1,
    });
  });

  it('refuses an empty query and an unknown environment', async () => {
    const empty = await server.call('search-secrets', { projectId, query: '' });
    expect(empty.isError).toBe(true);
    const unknown = await server.call('search-secrets', {
      projectId,
      query: 'x',
      environmentSlugs: ['nope'],
    });
    expect(unknown.isError).toBe(true);
  });
});

describe('tags toolset', () => {
  it('creates, lists and deletes tags; deleting takes the tag off its secrets', async () => {
    const created = await server.call('create-tag', {
      projectId,
      slug: 'rotate-me',
      color: '#ff0000',
    });
    expect(created.structuredContent).toMatchObject({
      tag: { slug: 'rotate-me', color: '#ff0000', id: expect.any(String) },
    });
    expect((await admin.project(projectId)).tags.map((tag) => tag.slug)).toContain('rotate-me');
    const listed = await server.call('list-tags', { projectId });
    expect(
      (listed.structuredContent as { tags: { slug: string }[] }).tags.map((tag) => tag.slug),
    ).toEqual((await admin.project(projectId)).tags.map((tag) => tag.slug));

    await server.call('update-secret', {
      ...dev(),
      secretName: 'LOG_LEVEL',
      tagSlugs: ['rotate-me'],
    });
    expect((await stored('dev')).find((s) => s.key === 'LOG_LEVEL')?.tags).toEqual(['rotate-me']);
    const deleted = await server.call('delete-tag', { projectId, tagSlug: 'rotate-me' });
    expect(deleted.structuredContent).toMatchObject({ deleted: { slug: 'rotate-me' } });
    expect((await admin.project(projectId)).tags.map((tag) => tag.slug)).not.toContain('rotate-me');
    expect((await stored('dev')).find((s) => s.key === 'LOG_LEVEL')?.tags).toEqual([]);
  });

  it('refuses duplicate and malformed slugs, unknown tags and refused projects', async () => {
    const before = (await admin.project(projectId)).tags;
    const duplicate = await server.call('create-tag', { projectId, slug: 'backend' });
    expect(duplicate.isError).toBe(true);
    expect(textOf(duplicate)).toMatch(/already exist/);
    const malformed = await server.call('create-tag', { projectId, slug: 'Not A Slug' });
    expect(malformed.isError).toBe(true);
    const wrongType = await server.call('create-tag', { projectId, slug: 42 });
    expect(wrongType.isError).toBe(true);
    const noSlug = await server.call('create-tag', { projectId });
    expect(noSlug.isError).toBe(true);
    const unknownSlug = await server.call('delete-tag', { projectId, tagSlug: 'ghost' });
    expect(unknownSlug.isError).toBe(true);
    const unknownId = await server.call('delete-tag', { projectId, tagId: UNKNOWN_ID });
    expect(unknownId.isError).toBe(true);
    expect(textOf(unknownId)).toMatch(/404/);
    const dotSegment = await server.call('delete-tag', { projectId, tagId: '..' });
    expect(textOf(dotSegment)).toMatch(/tagId must be an ID as Infisical issues them/);
    const both = await server.call('delete-tag', {
      projectId,
      tagSlug: 'backend',
      tagId: UNKNOWN_ID,
    });
    expect(both.isError).toBe(true);
    const denied = await server.call('create-tag', { projectId: foreignProjectId, slug: 'sneaky' });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toMatch(/403/);
    expect((await admin.project(projectId)).tags).toEqual(before);
    expect((await admin.project(foreignProjectId)).tags).toEqual([]);
  });
});

// Infisical answers 404 SecretPathNotFound for a folder that does not exist (PR #4419), and a
// PATCH echoes only what was sent: the tools must give the right answer regardless.
describe('as strict as Infisical', () => {
  it('compare-environments reports a folder missing in one environment as missing there', async () => {
    const put = (environment: string, key: string, value: string) =>
      sandbox.state.putSecret({ projectId, environment, key, value, secretPath: '/regional' });
    put('dev', 'REGION_NAME', 'region-value-a');
    put('prod', 'REGION_NAME', 'region-value-a');
    put('prod', 'REGION_ONLY_PROD', 'region-value-b');
    const result = await server.call('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'staging', 'prod'],
      secretPath: '/regional',
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      environments: ['dev', 'staging', 'prod'],
      folderMissingIn: ['staging'],
      keys: [
        { secretKey: 'REGION_NAME', presentIn: ['dev', 'prod'], missingFrom: ['staging'] },
        { secretKey: 'REGION_ONLY_PROD', presentIn: ['prod'], values: 'only-one' },
      ],
      summary: { missingSomewhere: 2 },
    });
    const everywhere = await server.call('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'prod'],
    });
    expect(everywhere.structuredContent).toMatchObject({ folderMissingIn: [] });
  });

  it('search-secrets skips the environments that lack the folder and names them', async () => {
    sandbox.state.putSecret({
      projectId,
      environment: 'prod',
      secretPath: '/edge/cdn',
      key: 'EDGE_CACHE_TTL',
      value: 'edge-value',
    });
    const result = await server.call('search-secrets', {
      projectId,
      query: 'edge_*',
      secretPath: '/edge',
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      matches: [{ secretKey: 'EDGE_CACHE_TTL', environment: 'prod', secretPath: '/edge/cdn' }],
      searchedEnvironments: ['dev', 'staging', 'prod'],
      folderMissingIn: ['dev', 'staging'],
      totalCount: 1,
    });
  });

  it('list-secrets on a missing path is a clear error; a dangling reference stays as written', async () => {
    const missing = await server.call('list-secrets', { ...dev(), secretPath: '/nowhere' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/Folder with path '\/nowhere' in environment 'dev'/);
    expect(textOf(missing)).toMatch(/list-folders shows the folders of an environment/);

    sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      secretPath: '/bulk',
      key: 'DANGLING',
      value: 'pre-${NOT_THERE}-post',
    });
    const listed = await server.call('list-secrets', {
      ...dev(),
      secretPath: '/bulk',
      includeValues: true,
    });
    const secrets = (
      listed.structuredContent as { secrets: { secretKey: string; secretValue?: string }[] }
    ).secrets;
    expect(secrets.find((secret) => secret.secretKey === 'DANGLING')?.secretValue).toBe(
      'pre-${NOT_THERE}-post',
    );
  });

  it('update-secret reports the stored state after a rename-only or a value-only change', async () => {
    sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      key: 'RENAME_ME',
      value: 'rename-value-1',
      comment: 'keep this comment',
      tags: ['backend'],
    });
    const renamed = await server.call('update-secret', {
      ...dev(),
      secretName: 'RENAME_ME',
      newSecretName: 'RENAMED',
    });
    expect(renamed.isError).toBeFalsy();
    expect(renamed.structuredContent).toMatchObject({
      secret: {
        secretKey: 'RENAMED',
        secretValue: 'rename-value-1',
        secretComment: 'keep this comment',
        tags: ['backend'],
        version: 2,
      },
      summary: expect.stringMatching(/read back from Infisical after the update/),
    });
    const revalued = await server.call('update-secret', {
      ...dev(),
      secretName: 'RENAMED',
      secretValue: 'rename-value-2',
    });
    expect(revalued.structuredContent).toMatchObject({
      secret: {
        secretValue: 'rename-value-2',
        secretComment: 'keep this comment',
        tags: ['backend'],
      },
    });
  });
  it('a create trims the comment and an update keeps it; a recursive list names an unknown environment', async () => {
    const created = await server.call('create-secrets', {
      ...dev(),
      secrets: [{ secretName: 'TRIMMED_NOTE', secretValue: 'x', secretComment: '  padded note  ' }],
    });
    expect(created.isError).toBeFalsy();
    expect((await stored('dev')).find((s) => s.key === 'TRIMMED_NOTE')?.comment).toBe(
      'padded note',
    );
    await server.call('update-secret', {
      ...dev(),
      secretName: 'TRIMMED_NOTE',
      secretComment: ' kept as sent ',
    });
    expect((await stored('dev')).find((s) => s.key === 'TRIMMED_NOTE')?.comment).toBe(
      ' kept as sent ',
    );
    const unknown = await server.call('list-secrets', {
      projectId,
      environmentSlug: 'nope',
      recursive: true,
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/Environment with slug 'nope'/);
  });
});
