import { describe, expect, it } from 'vitest';
import { startTestSandbox } from './helpers.js';

const RAW = '/api/v3/secrets/raw';

describe('v3 raw secrets, as @infisical/sdk calls them', () => {
  it('lists with workspaceId and the SDK query', async () => {
    const { client, projectId } = await startTestSandbox({ bench: true });
    const response = await client.get(RAW, {
      workspaceId: projectId,
      environment: 'dev',
      expandSecretReferences: 'true',
      include_imports: 'true',
      recursive: 'false',
      secretPath: '/',
      viewSecretValue: 'true',
      includeImports: 'true',
    });
    expect(response.status).toBe(200);
    expect(response.body.imports).toEqual([]);
    const dsn = response.body.secrets.find(
      (secret: { secretKey: string }) => secret.secretKey === 'DB_DSN',
    );
    expect(dsn.secretValue).toBe('postgres://demo:demo@localhost:5432/demo');
  });

  it('accepts workspaceSlug instead of workspaceId', async () => {
    const { client } = await startTestSandbox({ bench: true });
    const response = await client.get(RAW, { workspaceSlug: 'demo-project', environment: 'dev' });
    expect(response.status).toBe(200);
    const unknown = await client.get(RAW, { workspaceSlug: 'nope', environment: 'dev' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No project found with slug nope');
    const neither = await client.get(RAW, { environment: 'dev' });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toBe('You must provide projectSlug or workspaceId');
  });

  it('gets, creates, updates and deletes one secret', async () => {
    const { client, projectId } = await startTestSandbox({ bench: true });
    const scope = { workspaceId: projectId, environment: 'dev', secretPath: '/' };

    const got = await client.get(`${RAW}/API_KEY`, { ...scope, secretName: 'API_KEY' });
    expect(got.body.secret).toMatchObject({ secretKey: 'API_KEY', workspace: projectId });

    const created = await client.post(`${RAW}/FROM_SDK`, { ...scope, secretValue: 'sdk' });
    expect(created.status).toBe(200);
    expect(created.body.secret).toMatchObject({ secretKey: 'FROM_SDK', secretValue: 'sdk' });

    const updated = await client.patch(`${RAW}/FROM_SDK`, { ...scope, secretValue: 'sdk2' });
    expect(updated.body.secret).toMatchObject({ secretValue: 'sdk2', version: 2 });

    const deleted = await client.delete(`${RAW}/FROM_SDK`, scope);
    expect(deleted.status).toBe(200);
    expect(deleted.body.secret.secretKey).toBe('FROM_SDK');

    const write = await client.post(`${RAW}/NO_PROJECT`, { environment: 'dev', secretValue: 'x' });
    expect(write.status).toBe(400);
    expect(write.body.message).toBe('You must provide projectSlug or workspaceId');

    const get = await client.get(`${RAW}/API_KEY`, { environment: 'dev' });
    expect(get.body.message).toBe('You must provide workspaceSlug or workspaceId');
  });
});

describe('deprecated workspace routes', () => {
  it('GET /api/v1/workspace answers with workspaces', async () => {
    const { client, projectId } = await startTestSandbox({ bench: true });
    const response = await client.get('/api/v1/workspace');
    expect(response.body.workspaces).toEqual([expect.objectContaining({ id: projectId })]);
    const single = await client.get(`/api/v1/workspace/${projectId}`);
    expect(single.body.workspace.id).toBe(projectId);
  });

  it('POST /api/v2/workspace creates a project like the SDK expects', async () => {
    const { client } = await startTestSandbox({ bench: true });
    const response = await client.post('/api/v2/workspace', {
      projectName: 'From SDK',
      type: 'secret-manager',
    });
    expect(response.status).toBe(200);
    expect(response.body.project).toMatchObject({ name: 'From SDK' });
  });

  it('POST /api/v1/workspace/:id/environments answers with workspace', async () => {
    const { client, projectId } = await startTestSandbox({ bench: true });
    const response = await client.post(`/api/v1/workspace/${projectId}/environments`, {
      projectId,
      name: 'QA',
      slug: 'qa',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      message: 'Successfully created new environment',
      workspace: projectId,
      environment: { slug: 'qa', position: 4 },
    });
    expect(response.body.projectId).toBeUndefined();
  });

  it('POST /api/v1/folders takes workspaceId, GET lists with directory', async () => {
    const { client, projectId } = await startTestSandbox({ bench: true });
    const created = await client.post('/api/v1/folders', {
      workspaceId: projectId,
      environment: 'dev',
      name: 'frontend',
      path: '/',
    });
    expect(created.body.folder).toMatchObject({ name: 'frontend', path: '/frontend' });
    const listed = await client.get('/api/v1/folders', {
      workspaceId: projectId,
      environment: 'dev',
      directory: '/',
    });
    expect(listed.body.folders.map((folder: { name: string }) => folder.name).sort()).toEqual([
      'backend',
      'frontend',
    ]);
  });

  it('POST /api/v2/workspace/:projectId/memberships invites members', async () => {
    const { client, projectId } = await startTestSandbox({ bench: true });
    const response = await client.post(`/api/v2/workspace/${projectId}/memberships`, {
      projectId,
      emails: ['ops@example.com'],
    });
    expect(response.status).toBe(200);
    expect(response.body.memberships).toHaveLength(1);
  });
});

describe('without the bench option', () => {
  it('serves none of the routes only the official server calls', async () => {
    const { client, projectId } = await startTestSandbox();
    const answers = await Promise.all([
      client.get('/api/v3/secrets/raw', { workspaceId: projectId, environment: 'dev' }),
      client.get('/api/v1/workspace'),
      client.get(`/api/v1/workspace/${projectId}`),
      client.post('/api/v2/workspace', { projectName: 'x' }),
      client.post(`/api/v1/workspace/${projectId}/environments`, { name: 'QA', slug: 'qa' }),
      client.get('/api/v1/folders', { workspaceId: projectId, environment: 'dev' }),
      client.post(`/api/v2/workspace/${projectId}/memberships`, { emails: ['a@example.com'] }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    // The current routes are served either way.
    expect((await client.get('/api/v1/projects')).status).toBe(200);
  });
});
