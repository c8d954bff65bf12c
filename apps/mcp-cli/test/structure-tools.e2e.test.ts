import { hintsWithDefaults } from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

/** Well formed, and issued to nothing. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The tools that reshape a project: project, environment and folder updates and deletes,
 * secret imports and snapshots. One server and one sandbox for the file; each test makes its
 * own project, environment or folder so the tests do not depend on each other.
 */

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
// biome-ignore lint/suspicious/noExplicitAny: structured results are asserted field by field.
type Json = any;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let server: SpawnedServer;
let projectId: string;
/** A project made by another identity: the server's identity is not a member. */
let foreignProjectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  server = await spawnStdioServer(sandboxCredentials(sandbox));
  foreignProjectId = await projectOfAnotherIdentity();
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

async function projectOfAnotherIdentity(): Promise<string> {
  const stranger = await admin.createIdentity();
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(sandbox.url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Json;
  };
  const { accessToken } = await post('/api/v1/auth/universal-auth/login', {
    clientId: stranger.clientId,
    clientSecret: stranger.clientSecret,
  });
  const { project } = await post('/api/v1/projects', { projectName: 'Not yours' }, accessToken);
  return project.id;
}

async function call(name: string, args: Record<string, unknown>): Promise<Json> {
  const result = await server.call(name, args);
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result.structuredContent;
}

async function expectToolError(name: string, args: Record<string, unknown>, message: RegExp) {
  const result = await server.call(name, args);
  expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
  expect(textOf(result)).toMatch(message);
}

async function environmentOf(slug: string, inProject = projectId) {
  return (await admin.project(inProject)).environments.find((env) => env.slug === slug);
}

async function newProject(name: string): Promise<string> {
  return (await call('create-project', { projectName: name, type: 'secret-manager' })).project.id;
}

describe('tools/list', () => {
  it('marks deletes and changes destructive and puts imports and snapshots in their toolsets', async () => {
    const { tools } = await server.client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    for (const name of [
      'update-project',
      'delete-project',
      'update-environment',
      'delete-environment',
      'update-folder',
      'delete-folder',
      'delete-secret-import',
    ]) {
      expect(hintsWithDefaults(byName[name]?.annotations), name).toMatchObject({
        readOnlyHint: false,
        destructiveHint: true,
      });
    }
    expect(hintsWithDefaults(byName['create-secret-import']?.annotations).destructiveHint).toBe(
      false,
    );
    expect(byName['list-secret-imports']?.annotations?.readOnlyHint).toBe(true);
    expect(byName['list-snapshots']?.annotations?.readOnlyHint).toBe(true);
    expect(byName['get-snapshot']?.annotations?.readOnlyHint).toBe(true);
    expect(byName['rollback-snapshot']).toBeUndefined();
  });
});

describe('projects', () => {
  it('update-project changes name, description and slug, and nothing on bad input', async () => {
    const id = await newProject('Before');
    const result = await call('update-project', {
      projectId: id,
      name: 'After',
      description: 'Renamed by e2e',
      slug: 'after-e2e',
    });
    expect(result.project).toMatchObject({ id, name: 'After', slug: 'after-e2e' });
    expect(await admin.project(id)).toMatchObject({
      name: 'After',
      slug: 'after-e2e',
      description: 'Renamed by e2e',
    });

    await expectToolError('update-project', { projectId: id }, /Nothing to change/);
    await expectToolError('update-project', { projectId: id, name: 7 }, /name expected string/);
    await expectToolError('update-project', { projectId: id, slug: 'Bad Slug' }, /slug/);
    await expectToolError('update-project', { name: 'x' }, /projectId/);
    await expectToolError(
      'update-project',
      { projectId: UNKNOWN_ID, name: 'x' },
      /failed with 404/,
    );
    await expectToolError(
      'update-project',
      { projectId: foreignProjectId, name: 'mine now' },
      /failed with 403/,
    );
    expect(await admin.project(id)).toMatchObject({ name: 'After', slug: 'after-e2e' });
    expect((await admin.project(foreignProjectId)).name).toBe('Not yours');
  });

  it('delete-project removes the project and its secrets, but not while protected', async () => {
    const id = await newProject('Doomed');
    await call('create-secret', {
      projectId: id,
      environmentSlug: 'dev',
      secretName: 'DOOMED',
      secretValue: 'x',
    });
    await call('update-project', { projectId: id, hasDeleteProtection: true });
    await expectToolError('delete-project', { projectId: id }, /failed with 403/);
    expect((await admin.project(id)).hasDeleteProtection).toBe(true);

    await call('update-project', { projectId: id, hasDeleteProtection: false });
    const result = await call('delete-project', { projectId: id });
    expect(result.deleted).toMatchObject({ id, name: 'Doomed' });
    const state = await admin.state();
    expect(state.projects.map((project) => project.id)).not.toContain(id);
    expect(JSON.stringify(state)).not.toContain('DOOMED');

    await expectToolError('delete-project', { projectId: id }, /failed with 404/);
    await expectToolError('delete-project', { projectId: foreignProjectId }, /failed with 403/);
    await expectToolError('delete-project', {}, /projectId/);
    expect((await admin.state()).projects.map((p) => p.id)).toContain(foreignProjectId);
  });
});

describe('environments', () => {
  it('update-environment renames, re-slugs and moves an environment', async () => {
    const id = await newProject('Env changes');
    const staging = await environmentOf('staging', id);
    const result = await call('update-environment', {
      projectId: id,
      environmentId: staging?.id,
      name: 'Pre-production',
      slug: 'preprod',
      position: 3,
    });
    expect(result.environment).toMatchObject({ name: 'Pre-production', slug: 'preprod' });
    const environments = (await admin.project(id)).environments;
    expect(environments.map((env) => [env.slug, env.position])).toEqual([
      ['dev', 1],
      ['prod', 2],
      ['preprod', 3],
    ]);

    const dev = await environmentOf('dev', id);
    await expectToolError(
      'update-environment',
      { projectId: id, environmentId: dev?.id },
      /Nothing to change/,
    );
    await expectToolError(
      'update-environment',
      { projectId: id, environmentId: dev?.id, slug: 'prod' },
      /failed with 400/,
    );
    await expectToolError(
      'update-environment',
      { projectId: id, environmentId: dev?.id, position: 'first' },
      /position expected integer/,
    );
    await expectToolError(
      'update-environment',
      { projectId: id, environmentId: UNKNOWN_ID, name: 'x' },
      /has no environment with ID/,
    );
    const foreignDev = await environmentOf('dev', foreignProjectId);
    await expectToolError(
      'update-environment',
      { projectId: foreignProjectId, environmentId: foreignDev?.id, name: 'x' },
      /failed with 403/,
    );
    expect((await admin.project(id)).environments.map((env) => env.slug)).toEqual([
      'dev',
      'prod',
      'preprod',
    ]);
  });

  it('delete-environment removes the environment with its secrets', async () => {
    const id = await newProject('Env delete');
    await call('create-folder', { projectId: id, environment: 'staging', name: 'deep' });
    await call('create-secret', {
      projectId: id,
      environmentSlug: 'staging',
      secretPath: '/deep',
      secretName: 'GOES_AWAY',
      secretValue: 'bye',
    });
    const staging = await environmentOf('staging', id);
    const result = await call('delete-environment', { projectId: id, environmentId: staging?.id });
    expect(result.deleted).toMatchObject({ id: staging?.id, slug: 'staging' });
    const project = await admin.project(id);
    expect(project.environments.map((env) => env.slug)).toEqual(['dev', 'prod']);
    expect(JSON.stringify(project)).not.toContain('GOES_AWAY');

    await expectToolError(
      'delete-environment',
      { projectId: id, environmentId: staging?.id },
      /has no environment with ID/,
    );
    await expectToolError('delete-environment', { projectId: id }, /environmentId/);
    const foreignDev = await environmentOf('dev', foreignProjectId);
    await expectToolError(
      'delete-environment',
      { projectId: foreignProjectId, environmentId: foreignDev?.id },
      /failed with 403/,
    );
    expect(await environmentOf('dev', foreignProjectId)).toBeDefined();
  });
});

describe('folders', () => {
  it('update-folder renames a folder and moves what is below it', async () => {
    await call('create-folder', {
      projectId,
      environment: 'prod',
      path: '/rename-me',
      name: 'inner',
    });
    await call('create-secret', {
      projectId,
      environmentSlug: 'prod',
      secretPath: '/rename-me/inner',
      secretName: 'INNER',
      secretValue: 'kept',
    });
    const { folders } = await call('list-folders', { projectId, environmentSlug: 'prod' });
    const folder = folders.find((each: Json) => each.name === 'rename-me');
    const result = await call('update-folder', {
      projectId,
      environment: 'prod',
      folderId: folder.id,
      name: 'renamed',
    });
    expect(result.folder).toMatchObject({ id: folder.id, name: 'renamed', path: '/renamed' });
    const prod = await environmentOf('prod');
    expect(prod?.folders).toEqual(expect.arrayContaining(['/renamed', '/renamed/inner']));
    expect(prod?.folders).not.toContain('/rename-me');
    expect(prod?.secrets).toContainEqual(
      expect.objectContaining({ path: '/renamed/inner', key: 'INNER', value: 'kept' }),
    );

    // Infisical still accepts the current name instead of the id.
    const byName = await call('update-folder', {
      projectId,
      environment: 'prod',
      path: '/renamed',
      folderId: 'inner',
      name: 'core',
    });
    expect(byName.folder.path).toBe('/renamed/core');

    const base = { projectId, environment: 'prod' };
    await expectToolError('update-folder', { ...base, folderId: 'renamed', name: 'a b' }, /name/);
    await expectToolError('update-folder', { ...base, folderId: 'renamed' }, /name/);
    await expectToolError(
      'update-folder',
      { ...base, folderId: 'missing', name: 'x' },
      /failed with 404/,
    );
    await expectToolError(
      'update-folder',
      { projectId: foreignProjectId, environment: 'dev', folderId: 'x', name: 'y' },
      /failed with 403/,
    );
    expect((await environmentOf('prod'))?.folders).toEqual(
      expect.arrayContaining(['/renamed', '/renamed/core']),
    );
  });

  // Infisical's recursive listing has no `path` and a relativePath that starts with "/".
  it('list-folders with recursive builds full paths, by depth then name', async () => {
    for (const [path, name] of [
      ['/tree', 'zeta'],
      ['/tree/zeta', 'alpha'],
      ['/tree', 'beta'],
    ]) {
      await call('create-folder', { projectId, environment: 'staging', path, name });
    }
    const fromTree = await call('list-folders', {
      projectId,
      environmentSlug: 'staging',
      path: '/tree',
      recursive: true,
    });
    expect(fromTree.folders.map((folder: Json) => folder.path)).toEqual([
      '/tree/beta',
      '/tree/zeta',
      '/tree/zeta/alpha',
    ]);
    const fromRoot = await call('list-folders', {
      projectId,
      environmentSlug: 'staging',
      recursive: true,
    });
    const paths = fromRoot.folders.map((folder: Json) => folder.path);
    expect(paths).toEqual(expect.arrayContaining(['/tree', '/tree/zeta/alpha']));
    expect(paths.filter((path: string) => path.startsWith('//'))).toEqual([]);
  });

  // Infisical's create is idempotent: an existing folder comes back with a 200, unchanged.
  it('create-folder says whether the folder was created or already existed', async () => {
    const create = (description: string) =>
      call('create-folder', { projectId, environment: 'prod', name: 'twice', description });
    const first = await create('first words');
    expect(first).toMatchObject({
      folder: { name: 'twice', path: '/twice', description: 'first words' },
      created: true,
      summary: 'Created folder /twice in environment prod.',
    });
    const again = await create('other words');
    expect(again).toMatchObject({
      folder: { id: first.folder.id, path: '/twice', description: 'first words' },
      created: false,
      summary: expect.stringMatching(/already existed; nothing changed .*description/),
    });
  });

  it('delete-folder removes the folder with every secret below it', async () => {
    await call('create-folder', {
      projectId,
      environment: 'staging',
      path: '/trash',
      name: 'deeper',
    });
    await call('create-secret', {
      projectId,
      environmentSlug: 'staging',
      secretPath: '/trash/deeper',
      secretName: 'TRASHED',
      secretValue: 'x',
    });
    const result = await call('delete-folder', {
      projectId,
      environment: 'staging',
      folderId: 'trash',
    });
    expect(result.deleted).toMatchObject({ name: 'trash', path: '/trash' });
    const staging = await environmentOf('staging');
    expect(staging?.folders.filter((path) => path.startsWith('/trash'))).toEqual([]);
    expect(staging?.secrets.map((secret) => secret.key)).not.toContain('TRASHED');

    await expectToolError(
      'delete-folder',
      { projectId, environment: 'staging', folderId: 'trash' },
      /failed with 404/,
    );
    await expectToolError('delete-folder', { projectId, environment: 'staging' }, /folderId/);
    await expectToolError(
      'delete-folder',
      { projectId, environment: 'staging', folderId: 42 },
      /folderId expected string/,
    );
    await expectToolError(
      'delete-folder',
      { projectId: foreignProjectId, environment: 'dev', folderId: 'x' },
      /failed with 403/,
    );
  });
});

describe('secret imports', () => {
  it('create, list (paginated) and delete imports that list-secrets follows', async () => {
    const folder = { projectId, environmentSlug: 'dev', secretPath: '/backend' };
    const first = await call('create-secret-import', {
      ...folder,
      importEnvironmentSlug: 'staging',
      importSecretPath: '/',
    });
    expect(first.secretImport).toMatchObject({
      importEnvironmentSlug: 'staging',
      importSecretPath: '/',
      position: 1,
    });
    await call('create-secret-import', { ...folder, importEnvironmentSlug: 'prod' });
    expect((await environmentOf('dev'))?.imports).toEqual([
      { path: '/backend', importEnvironment: 'staging', importPath: '/' },
      { path: '/backend', importEnvironment: 'prod', importPath: '/' },
    ]);

    const page1 = await call('list-secret-imports', { ...folder, limit: 1 });
    expect(page1).toMatchObject({ totalCount: 2, secretImports: [{ id: first.secretImport.id }] });
    const page2 = await call('list-secret-imports', { ...folder, cursor: page1.nextCursor });
    expect(page2.secretImports).toMatchObject([{ importEnvironmentSlug: 'prod', position: 2 }]);
    expect(page2.nextCursor).toBeUndefined();

    const listed = await call('list-secrets', folder);
    expect(listed.imports.map((entry: Json) => entry.environment)).toEqual(['staging', 'prod']);

    const removed = await call('delete-secret-import', {
      ...folder,
      secretImportId: first.secretImport.id,
    });
    expect(removed.deleted).toMatchObject({ id: first.secretImport.id });
    expect((await environmentOf('dev'))?.imports).toEqual([
      { path: '/backend', importEnvironment: 'prod', importPath: '/' },
    ]);
  });

  it('refuses unknown environments and ids, missing fields, bad cursors and foreign projects', async () => {
    const folder = { projectId, environmentSlug: 'staging', secretPath: '/' };
    const before = (await environmentOf('staging'))?.imports;
    await expectToolError(
      'create-secret-import',
      { ...folder, importEnvironmentSlug: 'nowhere' },
      /failed with 404/,
    );
    await expectToolError('create-secret-import', folder, /importEnvironmentSlug/);
    await expectToolError(
      'delete-secret-import',
      { ...folder, secretImportId: UNKNOWN_ID },
      /failed with 404/,
    );
    await expectToolError('list-secret-imports', { ...folder, cursor: 'garbage' }, /cursor/);
    await expectToolError(
      'list-secret-imports',
      { projectId: foreignProjectId, environmentSlug: 'dev' },
      /failed with 403/,
    );
    await expectToolError(
      'create-secret-import',
      { projectId: foreignProjectId, environmentSlug: 'dev', importEnvironmentSlug: 'prod' },
      /failed with 403/,
    );
    await expectToolError(
      'delete-secret-import',
      { projectId: foreignProjectId, environmentSlug: 'dev', secretImportId: UNKNOWN_ID },
      /failed with 403/,
    );
    expect((await environmentOf('staging'))?.imports).toEqual(before);
    expect((await environmentOf('dev', foreignProjectId))?.imports).toEqual([]);
  });
});

describe('snapshots', () => {
  it('list-snapshots pages through the snapshots taken after each write', async () => {
    const folder = { projectId, environmentSlug: 'dev', secretPath: '/' };
    const before = await call('list-snapshots', { ...folder, limit: 2 });
    expect(before.totalCount).toBe((await environmentOf('dev'))?.snapshots['/']);
    expect(before.snapshots).toHaveLength(2);
    expect(before.nextCursor).toEqual(expect.any(String));

    await call('create-secret', { ...folder, secretName: 'SNAPPED', secretValue: 'v' });
    const after = await call('list-snapshots', { ...folder, limit: 1 });
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.snapshots[0].id).not.toBe(before.snapshots[0].id);
    const second = await call('list-snapshots', { ...folder, limit: 1, cursor: after.nextCursor });
    expect(second.snapshots[0].id).toBe(before.snapshots[0].id);
  });

  it('get-snapshot shows the folder as it was, values only on request', async () => {
    const folder = { projectId, environmentSlug: 'staging', secretPath: '/' };
    await call('create-secret', { ...folder, secretName: 'ROTATED', secretValue: 'old-value' });
    const [taken] = (await call('list-snapshots', { ...folder, limit: 1 })).snapshots;
    await call('update-secret', { ...folder, secretName: 'ROTATED', secretValue: 'new-value' });

    const keysOnly = await call('get-snapshot', { snapshotId: taken.id });
    expect(keysOnly.snapshot).toMatchObject({
      id: taken.id,
      projectId,
      environmentSlug: 'staging',
    });
    expect(keysOnly.snapshot.secrets).toContainEqual({ secretKey: 'ROTATED', version: 1 });
    expect(JSON.stringify(keysOnly)).not.toContain('old-value');

    const withValues = await call('get-snapshot', { snapshotId: taken.id, includeValues: true });
    expect(withValues.snapshot.secrets).toContainEqual({
      secretKey: 'ROTATED',
      version: 1,
      secretValue: 'old-value',
    });
    const paged = await call('get-snapshot', { snapshotId: taken.id, limit: 1 });
    expect(paged.snapshot.secrets).toHaveLength(1);
    expect(paged.totalCount).toBe(withValues.totalCount);
    // Reading a snapshot changes nothing.
    expect((await environmentOf('staging'))?.secrets).toContainEqual(
      expect.objectContaining({ key: 'ROTATED', value: 'new-value', version: 2 }),
    );

    await expectToolError('get-snapshot', { snapshotId: UNKNOWN_ID }, /failed with 404/);
    sandbox.state.putSecret({
      projectId: foreignProjectId,
      environment: 'dev',
      key: 'X',
      value: 'y',
    });
    const foreignRoot = sandbox.state.findFolder(
      sandbox.state.requireProject(foreignProjectId),
      'dev',
      '/',
    );
    const [foreignSnapshot] = sandbox.state.snapshots.listFor(foreignRoot?.id ?? '');
    await expectToolError('get-snapshot', { snapshotId: foreignSnapshot?.id }, /failed with 403/);
    await expectToolError('get-snapshot', {}, /snapshotId/);
    await expectToolError(
      'get-snapshot',
      { snapshotId: taken.id, includeValues: 'yes' },
      /includeValues expected boolean/,
    );
  });

  it('refuses missing folders, wrong types and foreign projects', async () => {
    await expectToolError(
      'list-snapshots',
      { projectId, environmentSlug: 'dev', secretPath: '/nowhere' },
      /failed with 404/,
    );
    await expectToolError(
      'list-snapshots',
      { projectId, environmentSlug: 'dev', limit: 'ten' },
      /limit expected integer/,
    );
    await expectToolError('list-snapshots', { projectId }, /environmentSlug/);
    await expectToolError(
      'list-snapshots',
      { projectId: foreignProjectId, environmentSlug: 'dev' },
      /failed with 403/,
    );
  });
});
