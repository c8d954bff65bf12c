import { describe, expect, it } from 'vitest';
import { expectedError, startTestSandbox } from './helpers.js';

const SECRETS = '/api/v4/secrets';
const BATCH = '/api/v4/secrets/batch';

describe('secret imports', () => {
  async function sandboxWithImport() {
    const test = await startTestSandbox();
    const { sandbox, projectId } = test;
    sandbox.state.putSecret({
      projectId,
      environment: 'staging',
      secretPath: '/shared',
      key: 'SHARED_TOKEN',
      value: 'token-${DATABASE_URL}',
    });
    sandbox.state.putSecret({
      projectId,
      environment: 'staging',
      secretPath: '/shared',
      key: 'DATABASE_URL',
      value: 'staging-db',
    });
    sandbox.state.addSecretImport({
      projectId,
      environment: 'dev',
      importEnvironment: 'staging',
      importPath: '/shared',
    });
    return test;
  }

  it('lists imported secrets in a separate imports array with include_imports=true', async () => {
    const { client, projectId, sandbox } = await sandboxWithImport();
    const without = await client.get(SECRETS, { projectId, environment: 'dev' });
    expect(without.body.imports).toBeUndefined();

    const response = await client.get(SECRETS, {
      projectId,
      environment: 'dev',
      include_imports: 'true',
      expandSecretReferences: 'true',
    });
    const folderId = sandbox.state.findFolder(
      sandbox.state.requireProject(projectId),
      'staging',
      '/shared',
    )?.id;
    expect(response.body.imports).toEqual([
      {
        secretPath: '/shared',
        environment: 'staging',
        folderId,
        secrets: [
          expect.objectContaining({
            secretKey: 'SHARED_TOKEN',
            // A local reference in an imported secret resolves in the imported folder.
            secretValue: 'token-staging-db',
            environment: 'staging',
            secretValueHidden: false,
          }),
          expect.objectContaining({ secretKey: 'DATABASE_URL', secretValue: 'staging-db' }),
        ],
      },
    ]);
    expect(response.body.imports[0].secrets[0].createdAt).toBeUndefined();
  });

  it('falls back to imports for get-by-name with include_imports=true', async () => {
    const { client, projectId } = await sandboxWithImport();
    const scope = { projectId, environment: 'dev' };
    expect((await client.get(`${SECRETS}/SHARED_TOKEN`, scope)).status).toBe(404);
    const response = await client.get(`${SECRETS}/SHARED_TOKEN`, {
      ...scope,
      include_imports: 'true',
    });
    expect(response.status).toBe(200);
    expect(response.body.secret).toMatchObject({
      secretKey: 'SHARED_TOKEN',
      secretValue: 'token-${DATABASE_URL}',
      environment: 'staging',
      secretPath: '/shared',
    });
    // The folder's own secret wins over an imported one with the same key.
    const own = await client.get(`${SECRETS}/DATABASE_URL`, { ...scope, include_imports: 'true' });
    expect(own.body.secret.secretValue).toBe('postgres://demo:demo@localhost:5432/demo');
  });

  it('can be created over the admin hook and shows in the state dump', async () => {
    const { client, projectId } = await startTestSandbox();
    const created = await client.post('/__sandbox/imports', {
      projectId,
      environment: 'prod',
      importEnvironment: 'dev',
      importPath: '/backend',
    });
    expect(created.status).toBe(200);
    const state = await client.get('/__sandbox/state');
    const prod = state.body.projects[0].environments.find(
      (environment: { slug: string }) => environment.slug === 'prod',
    );
    expect(prod.imports).toEqual([{ path: '/', importEnvironment: 'dev', importPath: '/backend' }]);
    const missing = await client.post('/__sandbox/imports', {
      projectId,
      environment: 'prod',
      importEnvironment: 'dev',
      importPath: '/nowhere',
    });
    expect(missing.status).toBe(404);
  });
});

describe('batch secrets', () => {
  it('creates many secrets at once', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(BATCH, {
      projectId,
      environment: 'staging',
      secrets: [
        { secretKey: 'ONE', secretValue: '1' },
        { secretKey: 'TWO', secretValue: '2', secretComment: ' second  ' },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.secrets).toEqual([
      expect.objectContaining({ secretKey: 'ONE', secretValue: '1', version: 1 }),
      expect.objectContaining({ secretKey: 'TWO', secretComment: 'second' }),
    ]);
  });

  it('creates nothing when any key already exists', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(BATCH, {
      projectId,
      environment: 'dev',
      secrets: [
        { secretKey: 'FRESH', secretValue: '1' },
        { secretKey: 'API_KEY', secretValue: '2' },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      expectedError(400, 'BadRequest', 'Secret already exist: API_KEY'),
    );
    const fresh = await client.get(`${SECRETS}/FRESH`, { projectId, environment: 'dev' });
    expect(fresh.status).toBe(404);
  });

  it('needs at least one secret', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(BATCH, { projectId, environment: 'dev', secrets: [] });
    expect(response.status).toBe(422);
    expect(response.body.message).toEqual([
      {
        code: 'too_small',
        minimum: 1,
        type: 'array',
        inclusive: true,
        exact: false,
        message: 'Array must contain at least 1 element(s)',
        path: ['secrets'],
      },
    ]);
  });

  it('reports issues inside items with their index', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(BATCH, {
      projectId,
      environment: 'dev',
      secrets: [{ secretKey: 'OK', secretValue: 'x' }, { secretKey: 'NO_VALUE' }],
    });
    expect(response.status).toBe(422);
    expect(response.body.message[0]).toMatchObject({ path: ['secrets', 1, 'secretValue'] });
  });

  it('updates many secrets, per mode', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    const failing = await client.patch(BATCH, {
      ...scope,
      secrets: [
        { secretKey: 'API_KEY', secretValue: 'new' },
        { secretKey: 'MISSING', secretValue: 'x' },
      ],
    });
    expect(failing.status).toBe(404);
    expect(failing.body.message).toBe('Secret does not exist: MISSING in path /');

    const ignoring = await client.patch(BATCH, {
      ...scope,
      mode: 'ignore',
      secrets: [
        { secretKey: 'API_KEY', secretValue: 'new' },
        { secretKey: 'MISSING', secretValue: 'x' },
      ],
    });
    expect(ignoring.body.secrets).toEqual([
      expect.objectContaining({ secretKey: 'API_KEY', secretValue: 'new', version: 2 }),
    ]);

    const upserting = await client.patch(BATCH, {
      ...scope,
      mode: 'upsert',
      secrets: [
        { secretKey: 'LOG_LEVEL', newSecretName: 'LOG_LEVEL_RENAMED' },
        { secretKey: 'REDIS_URL', secretPath: '/backend', secretValue: 'redis://other' },
        { secretKey: 'CREATED', secretValue: 'c' },
      ],
    });
    expect(upserting.status).toBe(200);
    expect(upserting.body.secrets).toEqual([
      expect.objectContaining({ secretKey: 'LOG_LEVEL_RENAMED', secretValue: 'debug' }),
      expect.objectContaining({ secretKey: 'CREATED', secretValue: 'c', version: 1 }),
      expect.objectContaining({ secretKey: 'REDIS_URL', secretValue: 'redis://other' }),
    ]);
  });

  it('deletes many secrets with a DELETE body, all or nothing', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    const missing = await client.delete(BATCH, {
      ...scope,
      secrets: [{ secretKey: 'API_KEY' }, { secretKey: 'MISSING' }],
    });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('One or more secrets does not exist: MISSING');

    const deleted = await client.delete(BATCH, {
      ...scope,
      secrets: [{ secretKey: 'API_KEY' }, { secretKey: 'LOG_LEVEL' }],
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body.secrets.map((secret: { secretKey: string }) => secret.secretKey)).toEqual([
      'API_KEY',
      'LOG_LEVEL',
    ]);
    const listed = await client.get(SECRETS, scope);
    expect(listed.body.secrets).toHaveLength(2);
  });
});
