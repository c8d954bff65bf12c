import { describe, expect, it } from 'vitest';
import { expectedError, SandboxClient, startTestSandbox } from './helpers.js';

const SECRETS = '/api/v4/secrets';
const secretUrl = (name: string) => `${SECRETS}/${encodeURIComponent(name)}`;

describe('GET /api/v4/secrets', () => {
  it('lists the folder with Infisical secret objects', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(SECRETS, { projectId, environment: 'dev' });
    expect(response.status).toBe(200);
    expect(response.body.imports).toBeUndefined();
    const keys = response.body.secrets.map((secret: { secretKey: string }) => secret.secretKey);
    expect(keys).toEqual(['DATABASE_URL', 'API_KEY', 'DB_DSN', 'LOG_LEVEL']);
    expect(response.body.secrets[0]).toEqual({
      id: expect.any(String),
      _id: response.body.secrets[0].id,
      workspace: projectId,
      environment: 'dev',
      version: 1,
      type: 'shared',
      secretKey: 'DATABASE_URL',
      secretValue: 'postgres://demo:demo@localhost:5432/demo',
      secretComment: 'Primary database',
      secretReminderNote: null,
      secretReminderRepeatDays: null,
      skipMultilineEncoding: false,
      isRotatedSecret: false,
      rotationId: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.any(String),
      secretPath: '/',
      secretValueHidden: false,
      secretMetadata: [],
      tags: [],
    });
  });

  it('keeps references verbatim unless expandSecretReferences=true', async () => {
    const { client, projectId } = await startTestSandbox();
    const raw = await client.get(SECRETS, { projectId, environment: 'dev' });
    const expanded = await client.get(SECRETS, {
      projectId,
      environment: 'dev',
      expandSecretReferences: 'true',
    });
    const dsnValue = (body: { secrets: { secretKey: string; secretValue: string }[] }) =>
      body.secrets.find((secret) => secret.secretKey === 'DB_DSN')?.secretValue;
    expect(dsnValue(raw.body)).toBe('${DATABASE_URL}');
    expect(dsnValue(expanded.body)).toBe('postgres://demo:demo@localhost:5432/demo');
  });

  it('lists subfolders with recursive=true, each secret with its own path', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(SECRETS, {
      projectId,
      environment: 'dev',
      recursive: 'true',
    });
    const redis = response.body.secrets.find(
      (secret: { secretKey: string }) => secret.secretKey === 'REDIS_URL',
    );
    expect(redis).toMatchObject({ secretPath: '/backend', secretValue: 'redis://localhost:6379' });
    expect(response.body.secrets).toHaveLength(5);
  });

  // Infisical PR #4419: a missing folder or environment is a 404, no longer an empty list.
  it('answers 404 SecretPathNotFound for a folder or environment that does not exist', async () => {
    const { client, projectId } = await startTestSandbox();
    for (const [environment, secretPath, recursive] of [
      ['dev', '/nowhere', 'false'],
      ['dev', '/nowhere', 'true'],
      ['nope', '/', 'false'],
    ] as const) {
      const response = await client.get(SECRETS, { projectId, environment, secretPath, recursive });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(
        expectedError(
          404,
          'SecretPathNotFound',
          `Folder with path '${secretPath}' in environment '${environment}' was not found. Please ensure the environment slug and secret path is correct.`,
        ),
      );
    }
    const recursiveUnknown = await client.get(SECRETS, {
      projectId,
      environment: 'nope',
      recursive: 'true',
    });
    expect(recursiveUnknown.status).toBe(404);
    expect(recursiveUnknown.body.message).toBe(
      `Environment with slug 'nope' in project with ID ${projectId} not found`,
    );
  });

  it('hides values with viewSecretValue=false', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(SECRETS, {
      projectId,
      environment: 'dev',
      viewSecretValue: 'false',
    });
    expect(response.body.secrets[0]).toMatchObject({
      secretValue: '<hidden-by-infisical>',
      secretValueHidden: true,
    });
  });

  it('filters by tag slugs', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      key: 'TAGGED',
      value: 'x',
      tags: ['backend'],
    });
    const response = await client.get(SECRETS, {
      projectId,
      environment: 'dev',
      tagSlugs: 'frontend, backend',
    });
    expect(response.body.secrets.map((secret: { secretKey: string }) => secret.secretKey)).toEqual([
      'TAGGED',
    ]);
    expect(response.body.secrets[0].tags).toEqual([
      { id: expect.any(String), slug: 'backend', name: 'backend', color: null },
    ]);
  });

  it('answers 400 when projectId or environment is missing', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(SECRETS, { projectId });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      expectedError(400, 'BadRequest', 'Missing project id or environment'),
    );
  });

  it('accepts only "true" and "false" for boolean flags', async () => {
    const { client, projectId } = await startTestSandbox();
    for (const value of ['1', 'True', 'yes']) {
      const response = await client.get(SECRETS, {
        projectId,
        environment: 'dev',
        recursive: value,
      });
      expect(response.status).toBe(422);
      expect(response.body).toEqual(
        expectedError(422, 'ValidationFailure', [
          {
            received: value,
            code: 'invalid_enum_value',
            options: ['true', 'false'],
            path: ['recursive'],
            message: `Invalid enum value. Expected 'true' | 'false', received '${value}'`,
          },
        ]),
      );
    }
  });

  it('tolerates a trailing slash on the route', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(`${SECRETS}/`, { projectId, environment: 'dev' });
    expect(response.status).toBe(200);
  });
});

describe('GET /api/v4/secrets/:secretName', () => {
  it('returns one secret with its path, expanded on request', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(secretUrl('DB_DSN'), {
      projectId,
      environment: 'dev',
      expandSecretReferences: 'true',
    });
    expect(response.status).toBe(200);
    expect(response.body.secret).toMatchObject({
      secretKey: 'DB_DSN',
      secretValue: 'postgres://demo:demo@localhost:5432/demo',
      secretPath: '/',
      secretValueHidden: false,
      tags: [],
    });
  });

  it('reads from a folder', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get(secretUrl('REDIS_URL'), {
      projectId,
      environment: 'dev',
      secretPath: '/backend/',
    });
    expect(response.body.secret).toMatchObject({ secretPath: '/backend' });
  });

  it('answers 404 for a missing secret or folder', async () => {
    const { client, projectId } = await startTestSandbox();
    const missingSecret = await client.get(secretUrl('NOPE'), { projectId, environment: 'dev' });
    expect(missingSecret.status).toBe(404);
    expect(missingSecret.body).toEqual(
      expectedError(404, 'NotFound', "Secret with name 'NOPE' not found"),
    );
    const missingFolder = await client.get(secretUrl('NOPE'), {
      projectId,
      environment: 'dev',
      secretPath: '/nowhere',
    });
    expect(missingFolder.status).toBe(404);
    expect(missingFolder.body.message).toBe(
      'Folder not found for the given environment slug & secret path',
    );
  });

  it('answers 422 without projectId and 400 without environment', async () => {
    const { client, projectId } = await startTestSandbox();
    const noProject = await client.get(secretUrl('API_KEY'), { environment: 'dev' });
    expect(noProject.status).toBe(422);
    expect(noProject.body.message[0]).toMatchObject({ path: ['projectId'], message: 'Required' });
    const noEnvironment = await client.get(secretUrl('API_KEY'), { projectId });
    expect(noEnvironment.status).toBe(400);
    expect(noEnvironment.body).toEqual(expectedError(400, 'BadRequest', 'Missing environment'));
  });

  it('returns an earlier version on request', async () => {
    const { client, projectId } = await startTestSandbox();
    await client.patch(secretUrl('API_KEY'), {
      projectId,
      environment: 'dev',
      secretValue: 'v2',
    });
    const first = await client.get(secretUrl('API_KEY'), {
      projectId,
      environment: 'dev',
      version: 1,
    });
    expect(first.body.secret).toMatchObject({ version: 1, secretValue: 'demo-api-key-0123456789' });
    const current = await client.get(secretUrl('API_KEY'), { projectId, environment: 'dev' });
    expect(current.body.secret).toMatchObject({ version: 2, secretValue: 'v2' });
  });
});

describe('writing secrets with /api/v4/secrets/:secretName', () => {
  it('creates, updates, renames and deletes a secret', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };

    const created = await client.post(secretUrl('NEW_KEY'), {
      ...scope,
      secretValue: '  first  ',
      secretComment: '  a comment ',
    });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatchObject({
      secretKey: 'NEW_KEY',
      secretValue: 'first',
      secretComment: 'a comment',
      version: 1,
      workspace: projectId,
      environment: 'dev',
    });
    expect(created.body.secret.secretPath).toBeUndefined();
    expect(created.body.secret.secretValueHidden).toBeUndefined();

    // Infisical's update answers with what was sent: the comment left out comes back "".
    const updated = await client.patch(secretUrl('NEW_KEY'), { ...scope, secretValue: 'second' });
    expect(updated.body.secret).toMatchObject({
      secretValue: 'second',
      secretComment: '',
      version: 2,
      secretValueHidden: false,
    });
    expect(updated.body.secret.tags).toBeUndefined();

    // A rename alone answers an empty value, though the stored one is unchanged.
    const renamed = await client.patch(secretUrl('NEW_KEY'), {
      ...scope,
      newSecretName: 'RENAMED_KEY',
    });
    expect(renamed.body.secret).toMatchObject({
      secretKey: 'RENAMED_KEY',
      secretValue: '',
      secretComment: '',
      version: 3,
    });
    // An update keeps the spaces of a comment; the stored state is what a read shows.
    await client.patch(secretUrl('RENAMED_KEY'), { ...scope, secretComment: ' kept ' });
    const stored = await client.get(secretUrl('RENAMED_KEY'), scope);
    expect(stored.body.secret).toMatchObject({ secretValue: 'second', secretComment: ' kept ' });
    expect((await client.get(secretUrl('NEW_KEY'), scope)).status).toBe(404);

    const deleted = await client.delete(secretUrl('RENAMED_KEY'), scope);
    expect(deleted.status).toBe(200);
    expect(deleted.body.secret).toMatchObject({ secretKey: 'RENAMED_KEY', secretValue: 'second' });
    expect((await client.get(secretUrl('RENAMED_KEY'), scope)).status).toBe(404);
  });

  it('keeps one trailing newline of a value', async () => {
    const { client, projectId } = await startTestSandbox();
    const created = await client.post(secretUrl('PEM'), {
      projectId,
      environment: 'dev',
      secretValue: '  line1\nline2\n\n',
    });
    expect(created.body.secret.secretValue).toBe('line1\nline2\n');
  });

  it('creates secrets in folders and accepts an empty value', async () => {
    const { client, projectId } = await startTestSandbox();
    const created = await client.post(secretUrl('EMPTY'), {
      projectId,
      environment: 'dev',
      secretPath: '/backend',
      secretValue: '',
    });
    expect(created.status).toBe(200);
    const listed = await client.get(SECRETS, {
      projectId,
      environment: 'dev',
      secretPath: '/backend',
    });
    expect(listed.body.secrets.map((secret: { secretKey: string }) => secret.secretKey)).toContain(
      'EMPTY',
    );
  });

  it('refuses duplicates and renames onto an existing key with 400', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    const duplicate = await client.post(secretUrl('API_KEY'), { ...scope, secretValue: 'x' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual(expectedError(400, 'BadRequest', 'Secret already exist'));
    const clash = await client.patch(secretUrl('API_KEY'), {
      ...scope,
      newSecretName: 'LOG_LEVEL',
    });
    expect(clash.status).toBe(400);
    expect(clash.body.message).toBe('Secret with the new name already exist');
  });

  it('answers 404 when updating or deleting a missing secret or folder', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    const update = await client.patch(secretUrl('NOPE'), { ...scope, secretValue: 'x' });
    expect(update.status).toBe(404);
    expect(update.body).toEqual(expectedError(404, 'NotFound', 'Secret not found'));
    const remove = await client.delete(secretUrl('NOPE'), scope);
    expect(remove.status).toBe(404);
    const folder = await client.post(secretUrl('X'), {
      ...scope,
      secretPath: '/nowhere',
      secretValue: 'x',
    });
    expect(folder.status).toBe(404);
    expect(folder.body).toEqual(
      expectedError(
        404,
        'Create secret',
        'Folder not found for the given environment slug & secret path',
      ),
    );
  });

  it('validates bodies with zod-style issues', async () => {
    const { client, projectId } = await startTestSandbox();
    const missing = await client.post(secretUrl('X'), { projectId, environment: 'dev' });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual([
      {
        code: 'invalid_type',
        expected: 'string',
        received: 'undefined',
        path: ['secretValue'],
        message: 'Required',
      },
    ]);
    const wrongType = await client.post(secretUrl('X'), {
      projectId,
      environment: 'dev',
      secretValue: 42,
    });
    expect(wrongType.body.message[0]).toMatchObject({
      code: 'invalid_type',
      received: 'number',
      message: 'Expected string, received number',
    });
    const badName = await client.post(secretUrl('A:B'), {
      projectId,
      environment: 'dev',
      secretValue: 'x',
    });
    expect(badName.status).toBe(422);
    expect(badName.body.message).toEqual([
      {
        code: 'custom',
        message: 'Secret name cannot contain colon or forward slash.',
        path: ['secretName'],
      },
    ]);
    const emptyRename = await client.patch(secretUrl('API_KEY'), {
      projectId,
      environment: 'dev',
      newSecretName: '',
    });
    expect(emptyRename.status).toBe(422);
  });

  it('refuses personal secrets for machine identities', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(secretUrl('MINE'), {
      projectId,
      environment: 'dev',
      secretValue: 'x',
      type: 'personal',
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Must be user to create personal secret');
  });

  it('treats a body-less or malformed write like Infisical', async () => {
    const { client } = await startTestSandbox();
    const noBody = await client.post(secretUrl('X'));
    expect(noBody.status).toBe(422);
    expect(noBody.body.message).toEqual([
      {
        code: 'invalid_type',
        expected: 'object',
        received: 'undefined',
        path: [],
        message: 'Required',
      },
    ]);
    const response = await fetch(client.baseUrl + secretUrl('X'), {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual(
      expectedError(500, 'InternalServerError', 'Something went wrong'),
    );
  });
});

describe('project access', () => {
  it('answers 403 PermissionDenied to an identity that is not a member', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    const created = await client.post('/__sandbox/identities', {});
    expect(created.body).toEqual({
      identityId: expect.any(String),
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    const outsider = new SandboxClient(sandbox.url);
    await outsider.login(created.body.clientId, created.body.clientSecret);
    const response = await outsider.get(SECRETS, { projectId, environment: 'dev' });
    expect(response.status).toBe(403);
    expect(response.body).toEqual(
      expectedError(
        403,
        'PermissionDenied',
        `Identity is not a member of the specified project with ID '${projectId}'`,
      ),
    );
    const projects = await outsider.get('/api/v1/projects');
    expect(projects.body).toEqual({ projects: [] });
  });

  it('gives an identity created with projectIds access to those projects', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    const created = await client.post('/__sandbox/identities', { projectIds: [projectId] });
    const member = new SandboxClient(sandbox.url);
    await member.login(created.body.clientId, created.body.clientSecret);
    expect((await member.get(SECRETS, { projectId, environment: 'dev' })).status).toBe(200);
  });

  it('answers 404 for an unknown project', async () => {
    const { client } = await startTestSandbox();
    const response = await client.get(SECRETS, { projectId: 'nope', environment: 'dev' });
    expect(response.status).toBe(404);
    expect(response.body).toEqual(
      expectedError(404, 'NotFound', "Project with ID 'nope' not found"),
    );
  });
});
