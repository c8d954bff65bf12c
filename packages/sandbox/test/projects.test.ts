import { describe, expect, it } from 'vitest';
import { expectedError, startTestSandbox } from './helpers.js';

describe('projects', () => {
  it('lists the projects the identity belongs to', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.get('/api/v1/projects');
    expect(response.status).toBe(200);
    expect(response.body.projects).toEqual([
      expect.objectContaining({
        id: projectId,
        _id: projectId,
        name: 'Demo Project',
        slug: 'demo-project',
        type: 'secret-manager',
        environments: [
          { name: 'Development', slug: 'dev', id: expect.any(String) },
          { name: 'Staging', slug: 'staging', id: expect.any(String) },
          { name: 'Production', slug: 'prod', id: expect.any(String) },
        ],
      }),
    ]);
  });

  it('creates a project with default environments and makes the caller a member', async () => {
    const { client } = await startTestSandbox();
    const created = await client.post('/api/v1/projects', {
      projectName: 'Payments API',
      projectDescription: 'Card processing',
    });
    expect(created.status).toBe(200);
    const { project } = created.body;
    expect(project).toMatchObject({
      name: 'Payments API',
      description: 'Card processing',
      slug: expect.stringMatching(/^payments-api-[a-z0-9]{4}$/),
      type: 'secret-manager',
      environments: [{ slug: 'dev' }, { slug: 'staging' }, { slug: 'prod' }],
    });
    const fetched = await client.get(`/api/v1/projects/${project.id}`);
    expect(fetched.body.project.id).toBe(project.id);
    const secrets = await client.get('/api/v4/secrets', {
      projectId: project.id,
      environment: 'prod',
    });
    expect(secrets.body).toEqual({ secrets: [] });
  });

  it('can skip default environments and filters listings by type', async () => {
    const { client } = await startTestSandbox();
    const created = await client.post('/api/v1/projects', {
      projectName: 'Keys',
      slug: 'keys-only',
      type: 'kms',
      shouldCreateDefaultEnvs: false,
    });
    expect(created.body.project).toMatchObject({ slug: 'keys-only', environments: [] });
    const kms = await client.get('/api/v1/projects', { type: 'kms' });
    expect(kms.body.projects.map((project: { slug: string }) => project.slug)).toEqual([
      'keys-only',
    ]);
    const invalidType = await client.get('/api/v1/projects', { type: 'all' });
    expect(invalidType.status).toBe(422);
  });

  it('refuses a duplicate slug and invalid slugs', async () => {
    const { client } = await startTestSandbox();
    const duplicate = await client.post('/api/v1/projects', {
      projectName: 'Again',
      slug: 'demo-project',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.message).toBe(
      'A project with the slug "demo-project" already exists in your organization. Please choose a different name or slug.',
    );
    const invalid = await client.post('/api/v1/projects', { projectName: 'X', slug: 'Bad Slug' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message[0]).toMatchObject({ code: 'custom', path: ['slug'] });
  });

  it('answers 404 for an unknown project id', async () => {
    const { client } = await startTestSandbox();
    const response = await client.get('/api/v1/projects/unknown');
    expect(response.status).toBe(404);
    expect(response.body).toEqual(
      expectedError(404, 'NotFound', "Project with ID 'unknown' not found"),
    );
  });
});

describe('environments', () => {
  it('creates an environment at the end, or at a position shifting the others', async () => {
    const { client, projectId } = await startTestSandbox();
    const url = `/api/v1/projects/${projectId}/environments`;
    const appended = await client.post(url, { name: 'QA', slug: 'qa' });
    expect(appended.status).toBe(200);
    expect(appended.body).toEqual({
      message: 'Successfully created new environment',
      projectId,
      environment: {
        id: expect.any(String),
        name: 'QA',
        slug: 'qa',
        position: 4,
        projectId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
    await client.post(url, { name: 'Preview', slug: 'preview', position: 2 });
    const project = await client.get(`/api/v1/projects/${projectId}`);
    expect(
      project.body.project.environments.map((environment: { slug: string }) => environment.slug),
    ).toEqual(['dev', 'preview', 'staging', 'prod', 'qa']);
  });

  it('refuses duplicate and malformed slugs', async () => {
    const { client, projectId } = await startTestSandbox();
    const url = `/api/v1/projects/${projectId}/environments`;
    const duplicate = await client.post(url, { name: 'Dev again', slug: 'dev' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual(
      expectedError(400, 'CreateEnvironment', 'Environment with slug already exists'),
    );
    const malformed = await client.post(url, { name: 'Bad', slug: 'Not_A_Slug' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.message).toEqual([
      {
        code: 'custom',
        message: 'Slug field can only contain lowercase letters, numbers, and hyphens',
        path: ['slug'],
      },
    ]);
  });
});

describe('folders', () => {
  it('creates folders, including missing parents, and lists them', async () => {
    const { client, projectId } = await startTestSandbox();
    const created = await client.post('/api/v2/folders', {
      projectId,
      environment: 'dev',
      name: 'payments',
      path: '/services/api',
      description: 'Payment secrets',
    });
    expect(created.status).toBe(200);
    expect(created.body.folder).toMatchObject({
      name: 'payments',
      path: '/services/api/payments',
      description: 'Payment secrets',
      envId: expect.any(String),
    });

    const root = await client.get('/api/v2/folders', { projectId, environment: 'dev', path: '/' });
    expect(root.body.folders.map((folder: { name: string }) => folder.name).sort()).toEqual([
      'backend',
      'services',
    ]);
    const recursive = await client.get('/api/v2/folders', {
      projectId,
      environment: 'dev',
      path: '/services',
      recursive: 'true',
    });
    expect(
      recursive.body.folders.map((folder: { relativePath: string }) => folder.relativePath),
    ).toEqual(['/api', '/api/payments']);

    const dump = await client.get('/__sandbox/state');
    expect(dump.body.projects[0].environments[0].folders).toEqual([
      '/',
      '/backend',
      '/services',
      '/services/api',
      '/services/api/payments',
    ]);
  });

  // Infisical's createFolder is idempotent: the existing folder, unchanged, with a 200.
  it('answers an existing folder with itself and refuses bad names and unknown environments', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    const before = await client.get('/api/v2/folders', { projectId, environment: 'dev' });
    const backend = before.body.folders.find((f: { name: string }) => f.name === 'backend');
    const snapshots = sandbox.state.snapshots.count();
    const again = await client.post('/api/v2/folders', {
      projectId,
      environment: 'dev',
      name: 'backend',
      description: 'ignored',
    });
    expect(again.status).toBe(200);
    expect(again.body.folder).toEqual({ ...backend, path: '/backend' });
    expect(sandbox.state.snapshots.count()).toBe(snapshots);
    const badName = await client.post('/api/v2/folders', {
      projectId,
      environment: 'dev',
      name: 'a b',
    });
    expect(badName.status).toBe(422);
    const unknownEnvironment = await client.post('/api/v2/folders', {
      projectId,
      environment: 'qa',
      name: 'x',
    });
    expect(unknownEnvironment.status).toBe(404);
    expect(unknownEnvironment.body.message).toBe(
      `Environment with slug 'qa' in project with ID '${projectId}' not found`,
    );
  });

  it('lists without path, recursively by depth then name, and 404s an unknown environment', async () => {
    const { client, projectId } = await startTestSandbox();
    for (const [path, name] of [
      ['/', 'zeta'],
      ['/zeta', 'alpha'],
      ['/backend', 'cache'],
      ['/', 'alpha'],
    ]) {
      await client.post('/api/v2/folders', { projectId, environment: 'dev', path, name });
    }
    const recursive = await client.get('/api/v2/folders', {
      projectId,
      environment: 'dev',
      recursive: 'true',
    });
    expect(recursive.body.folders.map((f: { relativePath: string }) => f.relativePath)).toEqual([
      '/alpha',
      '/backend',
      '/zeta',
      // Ordered by the folder's own name within a depth, not by path.
      '/zeta/alpha',
      '/backend/cache',
    ]);
    const flat = await client.get('/api/v2/folders', { projectId, environment: 'dev' });
    for (const folder of [...recursive.body.folders, ...flat.body.folders]) {
      expect(folder).not.toHaveProperty('path');
    }
    const missingParent = await client.get('/api/v2/folders', {
      projectId,
      environment: 'dev',
      path: '/nowhere',
      recursive: 'true',
    });
    expect(missingParent.body).toEqual({ folders: [] });
    const unknown = await client.get('/api/v2/folders', {
      projectId,
      environment: 'qa',
      recursive: 'true',
    });
    expect(unknown.body).toEqual(
      expectedError(404, 'NotFound', "Environment with slug 'qa' not found"),
    );
  });
});

describe('memberships', () => {
  it('invites users by email and username', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(`/api/v1/projects/${projectId}/memberships`, {
      emails: ['ada@example.com'],
      usernames: ['grace'],
      roleSlugs: ['viewer'],
    });
    expect(response.status).toBe(200);
    expect(response.body.memberships).toEqual([
      {
        id: expect.any(String),
        userId: expect.any(String),
        projectId,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      expect.objectContaining({ projectId }),
    ]);
    const dump = await client.get('/__sandbox/state');
    expect(dump.body.projects[0].members).toEqual([
      { kind: 'identity', identityId: expect.any(String), roles: ['admin'] },
      {
        kind: 'user',
        userId: expect.any(String),
        email: 'ada@example.com',
        username: 'ada@example.com',
        roles: ['viewer'],
      },
      {
        kind: 'user',
        userId: expect.any(String),
        email: null,
        username: 'grace',
        roles: ['viewer'],
      },
    ]);
  });

  it('requires lowercase, valid emails', async () => {
    const { client, projectId } = await startTestSandbox();
    const response = await client.post(`/api/v1/projects/${projectId}/memberships`, {
      emails: ['Ada@example.com', 'not-an-email'],
    });
    expect(response.status).toBe(422);
    expect(response.body.message).toEqual([
      { code: 'custom', message: 'Email must be lowercase', path: ['emails', 0] },
      {
        validation: 'email',
        code: 'invalid_string',
        message: 'Invalid email',
        path: ['emails', 1],
      },
    ]);
  });
});
