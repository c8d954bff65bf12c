// Every subject the sandbox checks besides secrets and commits: a role without the action gets
// Infisical's 403 (a CASL ForbiddenError), a role limited to one environment acts there only,
// and the built-in viewer reads but does not write.
import { describe, expect, it } from 'vitest';
import type { PermissionRule } from '../src/index.js';
import { expectedError, SandboxClient, startTestSandbox } from './helpers.js';

/** A sandbox whose project has a second identity holding `roles`, with `custom` created over HTTP. */
async function sandboxWithMember(roles: string[], custom: PermissionRule[] = []) {
  const test = await startTestSandbox();
  const { state } = test.sandbox;
  if (custom.length > 0) {
    const created = await test.client.post(`/api/v1/projects/${test.projectId}/roles`, {
      slug: 'limited',
      name: 'Custom',
      permissions: custom,
    });
    expect(created.status).toBe(200);
  }
  const project = state.requireProject(test.projectId);
  state.createFolder(project, 'staging', { name: 'app', parentPath: '/' });
  state.dynamicSecrets.create({ projectId: test.projectId, environment: 'staging', name: 'pg' });
  const identity = state.createIdentity({ projectIds: [test.projectId], roles });
  const member = new SandboxClient(test.sandbox.url);
  await member.login(identity.clientId, identity.clientSecret);
  return { ...test, member, identity };
}

const refusal = (action: string, subject: string) =>
  expectedError(403, 'PermissionDenied', `You are not allowed to ${action} on ${subject}`);

const inDev = { environment: 'dev' };

describe('secret-folders', () => {
  it('a role limited to dev creates, renames and deletes folders there and nowhere else', async () => {
    const { member, projectId } = await sandboxWithMember(
      ['limited'],
      [{ subject: 'secret-folders', action: ['create', 'edit', 'delete'], conditions: inDev }],
    );
    const create = (environment: string) =>
      member.post('/api/v2/folders', { projectId, environment, name: 'new', path: '/' });
    expect((await create('dev')).status).toBe(200);
    expect((await create('staging')).body).toMatchObject(refusal('create', 'secret-folders'));
    const staging = { projectId, environment: 'staging', path: '/' };
    expect(
      (await member.patch('/api/v2/folders/app', { ...staging, name: 'x' })).body,
    ).toMatchObject(refusal('edit', 'secret-folders'));
    expect((await member.delete('/api/v2/folders/app', staging)).body).toMatchObject(
      refusal('delete', 'secret-folders'),
    );
    const dev = { projectId, environment: 'dev', path: '/' };
    expect((await member.patch('/api/v2/folders/new', { ...dev, name: 'renamed' })).status).toBe(
      200,
    );
    expect((await member.delete('/api/v2/folders/renamed', dev)).status).toBe(200);
  });

  it('a viewer lists folders but may not create one, and a role without folder rules may not either', async () => {
    const { member, projectId, sandbox } = await sandboxWithMember(['viewer']);
    const listed = await member.get('/api/v2/folders', { projectId, environment: 'staging' });
    expect(listed.body.folders.map((folder: { name: string }) => folder.name)).toEqual(['app']);
    const body = { projectId, environment: 'dev', name: 'new', path: '/' };
    expect((await member.post('/api/v2/folders', body)).body).toMatchObject(
      refusal('create', 'secret-folders'),
    );
    const secretsOnly = await sandboxWithMember(
      ['limited'],
      [{ subject: 'secrets', action: ['create'] }],
    );
    const refused = await secretsOnly.member.post('/api/v2/folders', {
      ...body,
      projectId: secretsOnly.projectId,
    });
    expect(refused.body).toEqual({
      ...refusal('create', 'secret-folders'),
      details: [],
    });
    expect(sandbox.state.findFolder(sandbox.state.requireProject(projectId), 'dev', '/new')).toBe(
      undefined,
    );
  });
});

describe('secret-imports', () => {
  const importBody = (projectId: string, environment: string) => ({
    projectId,
    environment,
    path: '/',
    import: { environment: 'prod', path: '/' },
  });

  it('a role limited to dev imports into dev only, and needs to see the source', async () => {
    const { member, projectId } = await sandboxWithMember(
      ['limited'],
      [
        { subject: 'secret-imports', action: ['read', 'create', 'delete'], conditions: inDev },
        { subject: 'secrets', action: ['describeSecret'], conditions: { environment: 'prod' } },
      ],
    );
    const created = await member.post('/api/v2/secret-imports', importBody(projectId, 'dev'));
    expect(created.status).toBe(200);
    expect(
      (await member.post('/api/v2/secret-imports', importBody(projectId, 'staging'))).body,
    ).toMatchObject(refusal('create', 'secret-imports'));
    const fromStaging = {
      ...importBody(projectId, 'dev'),
      import: { environment: 'staging', path: '/' },
    };
    expect((await member.post('/api/v2/secret-imports', fromStaging)).body).toMatchObject(
      refusal('describeSecret', 'secrets'),
    );
    const scope = { projectId, environment: 'staging', path: '/' };
    expect((await member.get('/api/v2/secret-imports', scope)).body).toMatchObject(
      refusal('read', 'secret-imports'),
    );
    const id = created.body.secretImport.id;
    const dev = { projectId, environment: 'dev', path: '/' };
    expect((await member.delete(`/api/v2/secret-imports/${id}`, dev)).status).toBe(200);
  });

  it('a viewer lists imports but may not create one', async () => {
    const { member, projectId } = await sandboxWithMember(['viewer']);
    const listed = await member.get('/api/v2/secret-imports', { projectId, environment: 'dev' });
    expect(listed.status).toBe(200);
    expect(
      (await member.post('/api/v2/secret-imports', importBody(projectId, 'dev'))).body,
    ).toMatchObject(refusal('create', 'secret-imports'));
  });
});

describe('dynamic-secrets', () => {
  const scope = (environmentSlug: string) => ({
    projectSlug: 'demo-project',
    environmentSlug,
    path: '/',
  });

  it('a role that may lease in dev only leases there, and may not read the configuration', async () => {
    const { member } = await sandboxWithMember(
      ['limited'],
      [{ subject: 'dynamic-secrets', action: ['lease'], conditions: inDev }],
    );
    const lease = (environment: string, name: string) =>
      member.post('/api/v1/dynamic-secrets/leases', {
        dynamicSecretName: name,
        ...scope(environment),
      });
    const leased = await lease('dev', 'demo-postgres');
    expect(leased.status).toBe(200);
    expect((await lease('staging', 'pg')).body).toMatchObject(refusal('lease', 'dynamic-secrets'));
    const leases = await member.get('/api/v1/dynamic-secrets/demo-postgres/leases', scope('dev'));
    expect(leases.body.leases).toHaveLength(1);
    const details = await member.get('/api/v1/dynamic-secrets/demo-postgres', scope('dev'));
    expect(details.body).toMatchObject(refusal('read-root-credential', 'dynamic-secrets'));
    // The list leaves out what the role may not read instead of refusing.
    const listed = await member.get('/api/v1/dynamic-secrets', scope('dev'));
    expect(listed.body.dynamicSecrets).toEqual([]);
    const id = leased.body.lease.id;
    expect((await member.delete(`/api/v1/dynamic-secrets/leases/${id}`, scope('dev'))).status).toBe(
      200,
    );
  });

  it('a viewer reads dynamic secrets but may not lease one', async () => {
    const { member } = await sandboxWithMember(['viewer']);
    const listed = await member.get('/api/v1/dynamic-secrets', scope('dev'));
    expect(listed.body.dynamicSecrets).toHaveLength(1);
    expect((await member.get('/api/v1/dynamic-secrets/demo-postgres', scope('dev'))).status).toBe(
      200,
    );
    const lease = await member.post('/api/v1/dynamic-secrets/leases', {
      dynamicSecretName: 'demo-postgres',
      ...scope('dev'),
    });
    expect(lease.body).toMatchObject(refusal('lease', 'dynamic-secrets'));
  });
});

/** Subjects without conditions: what a viewer may read, and the write it is refused. */
const PROJECT_SUBJECTS: {
  subject: string;
  read: (member: SandboxClient, projectId: string) => Promise<{ status: number }>;
  write: (member: SandboxClient, projectId: string) => Promise<{ status: number; body: unknown }>;
  action: string;
}[] = [
  {
    subject: 'tags',
    action: 'create',
    read: (member, projectId) => member.get(`/api/v1/projects/${projectId}/tags`),
    write: (member, projectId) =>
      member.post(`/api/v1/projects/${projectId}/tags`, { slug: 'new', color: '#fff' }),
  },
  {
    subject: 'environments',
    action: 'create',
    read: (member, projectId) => member.get(`/api/v1/projects/${projectId}`),
    write: (member, projectId) =>
      member.post(`/api/v1/projects/${projectId}/environments`, { name: 'QA', slug: 'qa' }),
  },
  {
    subject: 'settings',
    action: 'edit',
    read: (member, projectId) => member.get(`/api/v1/projects/${projectId}`),
    write: (member, projectId) =>
      member.patch(`/api/v1/projects/${projectId}`, { name: 'Renamed' }),
  },
  {
    subject: 'member',
    action: 'create',
    read: (member, projectId) => member.get(`/api/v1/projects/${projectId}/memberships`),
    write: (member, projectId) =>
      member.post(`/api/v1/projects/${projectId}/memberships`, { emails: ['a@example.com'] }),
  },
  {
    subject: 'identity',
    action: 'delete',
    read: (member, projectId) => member.get(`/api/v1/projects/${projectId}/memberships/identities`),
    write: async (member, projectId) => {
      const list = await member.get(`/api/v1/projects/${projectId}/memberships/identities`);
      const id = list.body.identityMemberships[0].identity.id;
      return member.delete(`/api/v1/projects/${projectId}/memberships/identities/${id}`);
    },
  },
];

describe.each(PROJECT_SUBJECTS)('$subject', ({ subject, action, read, write }) => {
  it(`a viewer reads but may not ${action}; a role granting ${action} on ${subject} may`, async () => {
    const viewer = await sandboxWithMember(['viewer']);
    expect((await read(viewer.member, viewer.projectId)).status).toBe(200);
    const refused = await write(viewer.member, viewer.projectId);
    expect(refused.body).toMatchObject(refusal(action, subject));

    const granted = await sandboxWithMember(['limited'], [{ subject, action: ['read', action] }]);
    expect((await write(granted.member, granted.projectId)).status).toBe(200);
  });
});

describe('workspace and cmek', () => {
  it('a member may not delete the project; a viewer lists keys but may not encrypt', async () => {
    const { member, projectId, sandbox } = await sandboxWithMember(['member']);
    expect((await member.delete(`/api/v1/projects/${projectId}`)).body).toMatchObject(
      refusal('delete', 'workspace'),
    );
    const viewer = await sandboxWithMember(['viewer']);
    const keys = await viewer.member.get('/api/v1/kms/keys', { projectId: viewer.projectId });
    expect(keys.status).toBe(200);
    const keyId = keys.body.keys[0].id;
    const encrypt = await viewer.member.post(`/api/v1/kms/keys/${keyId}/encrypt`, {
      plaintext: 'aGVsbG8=',
    });
    expect(encrypt.body).toMatchObject(refusal('encrypt', 'cmek'));
    const none = await sandboxWithMember(['no-access']);
    expect(
      (await none.member.get('/api/v1/kms/keys', { projectId: none.projectId })).body,
    ).toMatchObject(refusal('read', 'cmek'));
    expect(sandbox.state.findProjectBySlug('demo-project')).toBeDefined();
  });
});
