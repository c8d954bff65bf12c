import { describe, expect, it } from 'vitest';
import { dumpState } from '../src/state/dump-state.js';
import { expectedError, SandboxClient, startTestSandbox, type TestSandbox } from './helpers.js';

/** A project the demo identity is not a member of, made by another identity. */
async function foreignProject({ sandbox }: TestSandbox): Promise<string> {
  const identity = sandbox.state.createIdentity({ name: 'stranger' });
  const stranger = new SandboxClient(sandbox.url);
  await stranger.login(identity.clientId, identity.clientSecret);
  const created = await stranger.post('/api/v1/projects', { projectName: 'Not yours' });
  return created.body.project.id;
}

function projectDump(test: TestSandbox, projectId = test.projectId) {
  return dumpState(test.sandbox.state).projects.find((project) => project.id === projectId);
}

function environmentDump(test: TestSandbox, slug: string) {
  return projectDump(test)?.environments.find((environment) => environment.slug === slug);
}

describe('project changes', () => {
  it('updates name, description and slug, and refuses bad or taken slugs', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const updated = await client.patch(`/api/v1/projects/${projectId}`, {
      name: 'Renamed',
      description: 'New words',
      slug: 'renamed-project',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.project).toMatchObject({
      id: projectId,
      name: 'Renamed',
      description: 'New words',
      slug: 'renamed-project',
    });
    expect(updated.body.project.environments).toBeUndefined();
    expect(projectDump(test)).toMatchObject({ name: 'Renamed', slug: 'renamed-project' });

    const badSlug = await client.patch(`/api/v1/projects/${projectId}`, { slug: '-bad-' });
    expect(badSlug.status).toBe(422);
    await client.post('/api/v1/projects', { projectName: 'Other', slug: 'taken-slug' });
    const taken = await client.patch(`/api/v1/projects/${projectId}`, { slug: 'taken-slug' });
    expect(taken.status).toBe(400);
    const wrongType = await client.patch(`/api/v1/projects/${projectId}`, { name: 42 });
    expect(wrongType.status).toBe(422);
    expect(projectDump(test)?.slug).toBe('renamed-project');
  });

  it('answers 404 for an unknown project and 403 for a project of others', async () => {
    const test = await startTestSandbox();
    const unknown = await test.client.patch('/api/v1/projects/nope', { name: 'x' });
    expect(unknown.status).toBe(404);
    const foreignId = await foreignProject(test);
    const forbidden = await test.client.delete(`/api/v1/projects/${foreignId}`);
    expect(forbidden.body).toEqual(
      expectedError(
        403,
        'PermissionDenied',
        `Identity is not a member of the specified project with ID '${foreignId}'`,
      ),
    );
    expect(projectDump(test, foreignId)).toBeDefined();
  });

  it('deletes a project with its secrets, unless delete protection is on', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    await client.patch(`/api/v1/projects/${projectId}`, { hasDeleteProtection: true });
    const protectedDelete = await client.delete(`/api/v1/projects/${projectId}`);
    expect(protectedDelete.body).toEqual(
      expectedError(403, 'ForbiddenError', 'Project delete protection is enabled'),
    );
    expect(projectDump(test)).toBeDefined();

    await client.patch(`/api/v1/projects/${projectId}`, { hasDeleteProtection: false });
    const deleted = await client.delete(`/api/v1/projects/${projectId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.project).toMatchObject({ id: projectId, name: 'Demo Project' });
    expect(projectDump(test)).toBeUndefined();
    const secrets = await client.get('/api/v4/secrets', { projectId, environment: 'dev' });
    expect(secrets.status).toBe(404);
  });
});

describe('environment changes', () => {
  it('renames, re-slugs and moves an environment; imports follow the slug', async () => {
    const test = await startTestSandbox();
    const { client, projectId, sandbox } = test;
    sandbox.state.addSecretImport({ projectId, environment: 'dev', importEnvironment: 'prod' });
    const prodId = environmentDump(test, 'prod')?.id;
    const updated = await client.patch(`/api/v1/projects/${projectId}/environments/${prodId}`, {
      name: 'Live',
      slug: 'live',
      position: 1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      message: 'Successfully updated environment',
      projectId,
      environment: { id: prodId, name: 'Live', slug: 'live', position: 1 },
    });
    const environments = projectDump(test)?.environments ?? [];
    expect(environments.map((e) => [e.slug, e.position])).toEqual([
      ['live', 1],
      ['dev', 2],
      ['staging', 3],
    ]);
    expect(environmentDump(test, 'dev')?.imports).toMatchObject([{ importEnvironment: 'live' }]);
    expect(environmentDump(test, 'live')?.secrets.map((s) => s.key)).toEqual(['DATABASE_URL']);
  });

  it('refuses a taken slug, a bad slug and an unknown id, changing nothing', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const devId = environmentDump(test, 'dev')?.id;
    const path = `/api/v1/projects/${projectId}/environments`;
    const taken = await client.patch(`${path}/${devId}`, { slug: 'prod' });
    expect(taken.body).toEqual(
      expectedError(400, 'UpdateEnvironment', 'Environment with slug already exist'),
    );
    const bad = await client.patch(`${path}/${devId}`, { slug: 'Not A Slug' });
    expect(bad.status).toBe(422);
    const unknown = await client.delete(`${path}/nope`);
    expect(unknown.body).toEqual(
      expectedError(
        404,
        'DeleteEnvironment',
        `Environment with id 'nope' in project with ID '${projectId}' not found`,
      ),
    );
    expect(projectDump(test)?.environments.map((e) => e.slug)).toEqual(['dev', 'staging', 'prod']);
  });

  it('deletes an environment with its folders, secrets and the imports of it', async () => {
    const test = await startTestSandbox();
    const { client, projectId, sandbox } = test;
    sandbox.state.addSecretImport({ projectId, environment: 'staging', importEnvironment: 'dev' });
    const devId = environmentDump(test, 'dev')?.id;
    const deleted = await client.delete(`/api/v1/projects/${projectId}/environments/${devId}`);
    expect(deleted.body).toMatchObject({
      message: 'Successfully deleted environment',
      environment: { id: devId, slug: 'dev' },
    });
    expect(environmentDump(test, 'dev')).toBeUndefined();
    expect(environmentDump(test, 'staging')?.imports).toEqual([]);
    // Since Infisical PR #4419 listing a deleted environment is a 404, not an empty list.
    const secrets = await client.get('/api/v4/secrets', { projectId, environment: 'dev' });
    expect(secrets.status).toBe(404);
    expect(secrets.body.error).toBe('SecretPathNotFound');
  });
});

describe('folder changes', () => {
  it('renames a folder by id or name; everything below moves with it', async () => {
    const test = await startTestSandbox();
    const { client, projectId, sandbox } = test;
    sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      secretPath: '/backend/cache',
      key: 'TTL',
      value: '60',
    });
    const listed = await client.get('/api/v2/folders', { projectId, environment: 'dev' });
    const backendId = listed.body.folders.find((f: { name: string }) => f.name === 'backend').id;
    const renamed = await client.patch(`/api/v2/folders/${backendId}`, {
      projectId,
      environment: 'dev',
      name: 'api',
      description: 'The API',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.folder).toMatchObject({
      id: backendId,
      name: 'api',
      path: '/api',
      description: 'The API',
    });
    expect(environmentDump(test, 'dev')?.folders).toEqual(['/', '/api', '/api/cache']);
    const ttl = await client.get('/api/v4/secrets/TTL', {
      projectId,
      environment: 'dev',
      secretPath: '/api/cache',
    });
    expect(ttl.body.secret.secretValue).toBe('60');

    const byName = await client.patch('/api/v2/folders/cache', {
      projectId,
      environment: 'dev',
      path: '/api',
      name: 'memo',
    });
    expect(byName.body.folder.path).toBe('/api/memo');
  });

  it('refuses a taken name, a bad name and an unknown folder', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    await client.post('/api/v2/folders', { projectId, environment: 'dev', name: 'other' });
    const base = { projectId, environment: 'dev' };
    const taken = await client.patch('/api/v2/folders/backend', { ...base, name: 'other' });
    expect(taken.body).toEqual(
      expectedError(400, 'UpdateFolder', 'Folder with specified name already exists'),
    );
    const bad = await client.patch('/api/v2/folders/backend', { ...base, name: 'a b' });
    expect(bad.status).toBe(422);
    const missingName = await client.patch('/api/v2/folders/backend', base);
    expect(missingName.status).toBe(422);
    const unknown = await client.delete('/api/v2/folders/nope', base);
    expect(unknown.body).toEqual(expectedError(404, 'NotFound', "Folder with ID 'nope' not found"));
    expect(environmentDump(test, 'dev')?.folders).toEqual(['/', '/backend', '/other']);
  });

  it('deletes a folder with everything below it', async () => {
    const test = await startTestSandbox();
    const { client, projectId, sandbox } = test;
    sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      secretPath: '/backend/deep',
      key: 'DEEP',
      value: 'x',
    });
    const deleted = await client.delete('/api/v2/folders/backend', {
      projectId,
      environment: 'dev',
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.folder).toMatchObject({ name: 'backend' });
    // Its response schema is SecretFoldersSchema, which strips the path create answers with.
    expect(deleted.body.folder).not.toHaveProperty('path');
    const dev = environmentDump(test, 'dev');
    expect(dev?.folders).toEqual(['/']);
    expect(dev?.secrets.map((s) => s.path)).not.toContain('/backend');
    expect(dev?.secrets.some((s) => s.key === 'REDIS_URL' || s.key === 'DEEP')).toBe(false);
  });
});

describe('secret imports routes', () => {
  it('creates, lists and deletes imports that list-secrets follows', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const created = await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'dev',
      import: { environment: 'staging', path: '/' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      message: 'Successfully created secret import',
      secretImport: {
        importPath: '/',
        position: 1,
        importEnv: { slug: 'staging', name: 'Staging', id: environmentDump(test, 'staging')?.id },
      },
    });
    await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'dev',
      import: { environment: 'prod', path: '/' },
    });
    const listed = await client.get('/api/v2/secret-imports', { projectId, environment: 'dev' });
    expect(
      listed.body.secretImports.map((i: { importEnv: { slug: string } }) => i.importEnv.slug),
    ).toEqual(['staging', 'prod']);
    const secrets = await client.get('/api/v4/secrets', {
      projectId,
      environment: 'dev',
      include_imports: 'true',
    });
    expect(secrets.body.imports.map((i: { environment: string }) => i.environment)).toEqual([
      'staging',
      'prod',
    ]);

    const removed = await client.delete(`/api/v2/secret-imports/${created.body.secretImport.id}`, {
      projectId,
      environment: 'dev',
    });
    expect(removed.body.message).toBe('Successfully deleted secret import');
    expect(environmentDump(test, 'dev')?.imports).toMatchObject([{ importEnvironment: 'prod' }]);
    const after = await client.get('/api/v2/secret-imports', { projectId, environment: 'dev' });
    expect(after.body.secretImports).toMatchObject([{ importEnv: { slug: 'prod' }, position: 1 }]);
  });

  it('imports a folder that does not exist yet, but refuses a direct cycle', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const later = await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'dev',
      import: { environment: 'staging', path: '/later' },
    });
    expect(later.body.secretImport).toMatchObject({ importPath: '/later', position: 1 });
    await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'dev',
      import: { environment: 'staging', path: '/' },
    });
    const cyclic = await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'staging',
      import: { environment: 'dev', path: '/' },
    });
    expect(cyclic.body).toEqual(expectedError(400, 'BadRequest', 'Cyclic import not allowed'));
    expect(environmentDump(test, 'staging')?.imports).toEqual([]);
    expect(environmentDump(test, 'dev')?.imports.map((each) => each.importPath)).toEqual([
      '/later',
      '/',
    ]);
  });

  it('rejects a missing import object, unknown folders and ids, and foreign projects', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const missing = await client.post('/api/v2/secret-imports', { projectId, environment: 'dev' });
    expect(missing.status).toBe(422);
    expect(missing.body.message[0]).toMatchObject({ path: ['import'] });
    const noEnvironment = await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'dev',
      import: { environment: 'nowhere', path: '/' },
    });
    expect(noEnvironment.body).toEqual(
      expectedError(404, 'NotFound', 'The requested entity is not found'),
    );
    const noFolder = await client.post('/api/v2/secret-imports', {
      projectId,
      environment: 'dev',
      path: '/nowhere',
      import: { environment: 'staging', path: '/' },
    });
    expect(noFolder.body.message).toBe(
      "Folder with path '/nowhere' in environment with slug 'dev' not found",
    );
    const unknownId = await client.delete('/api/v2/secret-imports/nope', {
      projectId,
      environment: 'dev',
    });
    expect(unknownId.body).toEqual(
      expectedError(404, 'NotFound', "Secret import with folder ID 'nope' not found"),
    );
    const foreignId = await foreignProject(test);
    const forbidden = await client.get('/api/v2/secret-imports', {
      projectId: foreignId,
      environment: 'dev',
    });
    expect(forbidden.status).toBe(403);
    expect(environmentDump(test, 'dev')?.imports).toEqual([]);
  });
});

describe('secret snapshots', () => {
  it('records a snapshot per write, newest first, with offset and limit', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const url = `/api/v1/projects/${projectId}/secret-snapshots`;
    const before = await client.get(`${url}/count`, { environment: 'dev' });
    await client.post('/api/v4/secrets/NEW_ONE', {
      projectId,
      environment: 'dev',
      secretValue: 'v',
    });
    const after = await client.get(`${url}/count`, { environment: 'dev' });
    expect(after.body.count).toBe(before.body.count + 1);
    expect(environmentDump(test, 'dev')?.snapshots['/']).toBe(after.body.count);

    const page = await client.get(url, { environment: 'dev', offset: 0, limit: 2 });
    expect(page.body.secretSnapshots).toHaveLength(2);
    const [newest, older] = page.body.secretSnapshots;
    expect(newest).toMatchObject({
      id: expect.any(String),
      envId: environmentDump(test, 'dev')?.id,
      folderId: expect.any(String),
      parentFolderId: null,
    });
    expect(Date.parse(newest.createdAt)).toBeGreaterThanOrEqual(Date.parse(older.createdAt));
    const next = await client.get(url, { environment: 'dev', offset: 1, limit: 1 });
    expect(next.body.secretSnapshots[0].id).toBe(older.id);
  });

  it('reads one snapshot: the secrets and sub-folders as they were then', async () => {
    const test = await startTestSandbox();
    const { client, projectId } = test;
    const url = `/api/v1/projects/${projectId}/secret-snapshots`;
    const [before] = (await client.get(url, { environment: 'dev', limit: 1 })).body.secretSnapshots;
    await client.patch('/api/v4/secrets/LOG_LEVEL', {
      projectId,
      environment: 'dev',
      secretValue: 'info',
    });
    const read = await client.get(`/api/v1/secret-snapshot/${before.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secretSnapshot).toMatchObject({
      id: before.id,
      projectId,
      environment: { slug: 'dev', name: 'Development' },
      folderVersion: [{ name: 'backend' }],
    });
    const logLevel = read.body.secretSnapshot.secretVersions.find(
      (secret: { secretKey: string }) => secret.secretKey === 'LOG_LEVEL',
    );
    expect(logLevel).toMatchObject({ secretValue: 'debug', version: 1, secretValueHidden: false });

    const unknown = await client.get('/api/v1/secret-snapshot/nope');
    expect(unknown.body).toEqual(
      expectedError(404, 'NotFound', "Snapshot with ID 'nope' not found"),
    );
    const foreignId = await foreignProject(test);
    const foreignDev = projectDump(test, foreignId)?.environments[0];
    const stranger = test.sandbox.state
      .requireProject(foreignId)
      .environments.find((environment) => environment.id === foreignDev?.id);
    const rootId = stranger?.folders.get('/')?.id as string;
    test.sandbox.state.putSecret({
      projectId: foreignId,
      environment: 'dev',
      key: 'X',
      value: 'y',
    });
    const [foreignSnapshot] = test.sandbox.state.snapshots.listFor(rootId);
    const forbidden = await client.get(`/api/v1/secret-snapshot/${foreignSnapshot?.id}`);
    expect(forbidden.status).toBe(403);
  });

  it('answers 404 for a missing folder and 403 for a foreign project', async () => {
    const test = await startTestSandbox();
    const url = `/api/v1/projects/${test.projectId}/secret-snapshots`;
    const missing = await test.client.get(url, { environment: 'dev', path: '/nowhere' });
    expect(missing.status).toBe(404);
    const foreignId = await foreignProject(test);
    const forbidden = await test.client.get(`/api/v1/projects/${foreignId}/secret-snapshots`, {
      environment: 'dev',
    });
    expect(forbidden.status).toBe(403);
  });
});
