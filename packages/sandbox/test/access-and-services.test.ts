import { describe, expect, it } from 'vitest';
import { expectedError, SandboxClient, startTestSandbox } from './helpers.js';

/** A second identity that belongs to no project, logged in. */
async function outsider(
  baseUrl: string,
  sandbox: Awaited<ReturnType<typeof startTestSandbox>>['sandbox'],
) {
  const identity = sandbox.state.createIdentity({ name: 'outsider' });
  const client = new SandboxClient(baseUrl);
  await client.login(identity.clientId, identity.clientSecret);
  return { client, identity };
}

describe('project memberships', () => {
  it('lists user memberships with roles, changes roles and removes a member', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    await client.post(`/api/v1/projects/${projectId}/memberships`, { emails: ['ada@example.com'] });
    const listed = await client.get(`/api/v1/projects/${projectId}/memberships`);
    expect(listed.status).toBe(200);
    const [membership] = listed.body.memberships;
    expect(membership).toMatchObject({
      userId: expect.any(String),
      projectId,
      user: { email: 'ada@example.com', username: 'ada@example.com' },
      roles: [{ role: 'member', isTemporary: false, customRoleSlug: null }],
    });

    const updated = await client.patch(
      `/api/v1/projects/${projectId}/memberships/${membership.id}`,
      { roles: [{ role: 'viewer', isTemporary: false }] },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.roles).toEqual([
      expect.objectContaining({ role: 'viewer', projectMembershipId: membership.id }),
    ]);
    expect(sandbox.state.getProject(projectId)?.members[1]?.roles).toEqual(['viewer']);

    const removed = await client.delete(
      `/api/v1/projects/${projectId}/memberships/${membership.id}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.membership).toMatchObject({ id: membership.id, projectId });
    expect(sandbox.state.getProject(projectId)?.members.map((m) => m.kind)).toEqual(['identity']);
  });

  it('answers 404 for an unknown membership, 400 for an unknown role and 422 for no roles', async () => {
    const { client, projectId } = await startTestSandbox();
    const unknown = await client.delete(`/api/v1/projects/${projectId}/memberships/nope`);
    expect(unknown.body).toEqual(
      expectedError(404, 'NotFound', "Project membership with ID 'nope' not found"),
    );
    await client.post(`/api/v1/projects/${projectId}/memberships`, { usernames: ['grace'] });
    const [membership] = (await client.get(`/api/v1/projects/${projectId}/memberships`)).body
      .memberships;
    const badRole = await client.patch(
      `/api/v1/projects/${projectId}/memberships/${membership.id}`,
      { roles: [{ role: 'overlord' }] },
    );
    expect(badRole.body).toEqual(expectedError(400, 'BadRequest', 'Role not found: overlord'));
    const noRoles = await client.patch(
      `/api/v1/projects/${projectId}/memberships/${membership.id}`,
      { roles: [] },
    );
    expect(noRoles.status).toBe(422);
  });

  it('lists identity memberships with offset and limit, updates and removes them', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    const robot = sandbox.state.createIdentity({
      name: 'robot',
      projectIds: [projectId],
      roles: ['viewer'],
    });
    const page = await client.get(`/api/v1/projects/${projectId}/identity-memberships`, {
      offset: 1,
      limit: 1,
    });
    expect(page.body).toMatchObject({
      totalCount: 2,
      identityMemberships: [
        {
          identityId: robot.id,
          identity: { id: robot.id, name: 'robot', authMethods: ['universal-auth'] },
          roles: [{ role: 'viewer' }],
          project: { id: projectId },
        },
      ],
    });
    const base = `/api/v1/projects/${projectId}/identity-memberships/${robot.id}`;
    const updated = await client.patch(base, { roles: [{ role: 'member' }] });
    expect(updated.body.roles).toEqual([expect.objectContaining({ role: 'member' })]);
    const removed = await client.delete(base);
    expect(removed.body.identityMembership).toMatchObject({ identityId: robot.id, projectId });
    expect(sandbox.state.isProjectMember(sandbox.state.requireProject(projectId), robot.id)).toBe(
      false,
    );
    const again = await client.delete(base);
    expect(again.status).toBe(404);
  });

  it('lists identity memberships at the current route, without auth methods or project', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    const robot = sandbox.state.createIdentity({
      name: 'Robot',
      projectIds: [projectId],
      roles: ['viewer'],
    });
    const route = `/api/v1/projects/${projectId}/memberships/identities`;
    const all = await client.get(route);
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(2);
    const entry = all.body.identityMemberships[1];
    expect(entry).toMatchObject({
      identityId: robot.id,
      roles: [{ role: 'viewer', isTemporary: false, customRoleSlug: null }],
    });
    expect(entry.identity).toEqual({
      id: robot.id,
      name: 'Robot',
      orgId: expect.any(String),
      projectId: null,
    });
    expect(entry).not.toHaveProperty('project');

    const page = await client.get(route, { offset: 1, limit: 1 });
    expect(page.body.identityMemberships.map((m: { identityId: string }) => m.identityId)).toEqual([
      robot.id,
    ]);
    expect(page.body.totalCount).toBe(2);
    const byName = await client.get(route, { identityName: 'robo' });
    expect(byName.body).toMatchObject({
      totalCount: 1,
      identityMemberships: [{ identityId: robot.id }],
    });
    const byRole = await client.get(route, { roles: 'admin, member' });
    expect(
      byRole.body.identityMemberships.map((m: { identityId: string }) => m.identityId),
    ).toEqual([sandbox.demo.identityId]);
    expect((await client.get(route, { limit: 1000 })).status).toBe(200);
    expect((await client.get(route, { limit: 1001 })).status).toBe(422);
    expect((await client.get(route, { limit: 0 })).status).toBe(422);
    expect((await client.get(route, { offset: -1 })).status).toBe(422);
  });

  it('updates and removes identity memberships at the current route', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    const robot = sandbox.state.createIdentity({ projectIds: [projectId], roles: ['viewer'] });
    const base = `/api/v1/projects/${projectId}/memberships/identities/${robot.id}`;
    const updated = await client.patch(base, {
      roles: [{ role: 'member', isTemporary: false }, { role: 'viewer' }],
    });
    expect(updated.status).toBe(200);
    expect(Object.keys(updated.body)).toEqual(['identityMembership']);
    expect(updated.body.identityMembership).toEqual({
      id: expect.any(String),
      identityId: robot.id,
      projectId,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const project = () => sandbox.state.requireProject(projectId);
    expect(
      project().members.find((m) => m.id === updated.body.identityMembership.id)?.roles,
    ).toEqual(['member', 'viewer']);
    const badRole = await client.patch(base, { roles: [{ role: 'overlord' }] });
    expect(badRole.body).toEqual(expectedError(400, 'BadRequest', 'Role not found: overlord'));
    expect((await client.patch(base, { roles: [] })).status).toBe(422);

    const removed = await client.delete(base);
    expect(removed.status).toBe(200);
    expect(removed.body.identityMembership).toMatchObject({
      id: updated.body.identityMembership.id,
      identityId: robot.id,
      projectId,
    });
    expect(sandbox.state.isProjectMember(project(), robot.id)).toBe(false);
    const again = await client.delete(base);
    expect(again.body).toEqual(
      expectedError(
        404,
        'NotFound',
        `Project membership for identity with ID '${robot.id}' in project with ID '${projectId}' not found`,
      ),
    );
    expect((await client.patch(base, { roles: [{ role: 'viewer' }] })).status).toBe(404);
  });

  it('refuses current-route identity membership changes to non-admins and outsiders (403)', async () => {
    const { projectId, sandbox } = await startTestSandbox();
    const viewer = sandbox.state.createIdentity({ projectIds: [projectId], roles: ['viewer'] });
    const viewerClient = new SandboxClient(sandbox.url);
    await viewerClient.login(viewer.clientId, viewer.clientSecret);
    const route = `/api/v1/projects/${projectId}/memberships/identities`;
    const target = `${route}/${sandbox.demo.identityId}`;
    const refusedPatch = await viewerClient.patch(target, { roles: [{ role: 'viewer' }] });
    expect(refusedPatch.status).toBe(403);
    expect(refusedPatch.body.error).toBe('PermissionDenied');
    const refusedDelete = await viewerClient.delete(target);
    expect(refusedDelete.status).toBe(403);
    expect(refusedDelete.body.error).toBe('PermissionDenied');
    expect((await viewerClient.get(route)).status).toBe(200);
    const { client: stranger } = await outsider(sandbox.url, sandbox);
    const strangerList = await stranger.get(route);
    expect(strangerList.status).toBe(403);
    expect(strangerList.body.error).toBe('PermissionDenied');
    expect((await stranger.delete(target)).status).toBe(403);
    expect(sandbox.state.getProject(projectId)?.members).toHaveLength(2);
    expect(
      sandbox.state
        .getProject(projectId)
        ?.members.find((m) => m.kind === 'identity' && m.identityId === sandbox.demo.identityId)
        ?.roles,
    ).toEqual(['admin']);
  });

  it('refuses membership changes to non-admins and to outsiders (403)', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    const viewer = sandbox.state.createIdentity({ projectIds: [projectId], roles: ['viewer'] });
    const viewerClient = new SandboxClient(sandbox.url);
    await viewerClient.login(viewer.clientId, viewer.clientSecret);
    const demoIdentity = sandbox.demo.identityId;
    const refused = await viewerClient.delete(
      `/api/v1/projects/${projectId}/identity-memberships/${demoIdentity}`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('PermissionDenied');
    expect(
      (await viewerClient.get(`/api/v1/projects/${projectId}/identity-memberships`)).status,
    ).toBe(200);
    const { client: stranger } = await outsider(sandbox.url, sandbox);
    expect((await stranger.get(`/api/v1/projects/${projectId}/memberships`)).status).toBe(403);
    expect(sandbox.state.getProject(projectId)?.members).toHaveLength(2);
    expect(client).toBeDefined();
  });
});

describe('dynamic secrets', () => {
  it('lists, details (inputs included), leases, renews and revokes', async () => {
    const { client, sandbox } = await startTestSandbox();
    const scope = { projectSlug: 'demo-project', environmentSlug: 'dev', path: '/' };
    const listed = await client.get('/api/v1/dynamic-secrets', scope);
    expect(listed.body.dynamicSecrets).toEqual([
      expect.objectContaining({ name: 'demo-postgres', type: 'sql-database', defaultTTL: '1h' }),
    ]);
    const details = await client.get('/api/v1/dynamic-secrets/demo-postgres', scope);
    expect(details.body.dynamicSecret.inputs).toMatchObject({ password: expect.any(String) });

    const created = await client.post('/api/v1/dynamic-secrets/leases', {
      ...scope,
      dynamicSecretName: 'demo-postgres',
      ttl: '10m',
    });
    expect(created.status).toBe(200);
    const { lease, data } = created.body;
    expect(data).toEqual({ DB_USERNAME: lease.externalEntityId, DB_PASSWORD: expect.any(String) });
    const lifetime = Date.parse(lease.expireAt) - Date.parse(lease.createdAt);
    expect(lifetime).toBe(10 * 60_000);

    const renewed = await client.post(`/api/v1/dynamic-secrets/leases/${lease.id}/renew`, {
      ...scope,
      ttl: '2h',
    });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.lease.expireAt)).toBeGreaterThan(Date.parse(lease.expireAt));
    const tooLong = await client.post(`/api/v1/dynamic-secrets/leases/${lease.id}/renew`, {
      ...scope,
      ttl: '48h',
    });
    expect(tooLong.body).toEqual(
      expectedError(400, 'BadRequest', 'TTL cannot be larger than max TTL'),
    );

    const leases = await client.get('/api/v1/dynamic-secrets/demo-postgres/leases', scope);
    expect(leases.body.leases.map((l: { id: string }) => l.id)).toEqual([lease.id]);
    const revoked = await client.delete(`/api/v1/dynamic-secrets/leases/${lease.id}`, scope);
    expect(revoked.body.lease.id).toBe(lease.id);
    expect(sandbox.state.dynamicSecrets.ofProject(sandbox.demo.projectId)[0]?.leases).toEqual([]);
    const gone = await client.delete(`/api/v1/dynamic-secrets/leases/${lease.id}`, scope);
    expect(gone.body).toEqual(
      expectedError(404, 'NotFound', `Dynamic secret lease with ID '${lease.id}' not found`),
    );
  });

  it('validates TTLs, names unknown secrets and refuses outsiders', async () => {
    const { client, sandbox } = await startTestSandbox();
    const scope = { projectSlug: 'demo-project', environmentSlug: 'dev', path: '/' };
    const short = await client.post('/api/v1/dynamic-secrets/leases', {
      ...scope,
      dynamicSecretName: 'demo-postgres',
      ttl: '10s',
    });
    expect(short.status).toBe(422);
    expect(short.body.message).toEqual([
      { code: 'custom', message: 'TTL must be a greater than 1min', path: ['ttl'] },
    ]);
    const unknown = await client.post('/api/v1/dynamic-secrets/leases', {
      ...scope,
      dynamicSecretName: 'nope',
    });
    expect(unknown.body).toEqual(
      expectedError(
        404,
        'NotFound',
        "Dynamic secret with name 'nope' in folder with path '/' not found",
      ),
    );
    const { client: stranger } = await outsider(sandbox.url, sandbox);
    const refused = await stranger.post('/api/v1/dynamic-secrets/leases', {
      ...scope,
      dynamicSecretName: 'demo-postgres',
    });
    expect(refused.status).toBe(403);
    expect(sandbox.state.dynamicSecrets.ofProject(sandbox.demo.projectId)[0]?.leases).toEqual([]);
  });
});

describe('kms', () => {
  it('lists keys and round-trips data through AES-GCM; a changed ciphertext fails', async () => {
    const { client, projectId } = await startTestSandbox();
    const listed = await client.get('/api/v1/kms/keys', { projectId });
    expect(listed.body).toMatchObject({
      totalCount: 1,
      keys: [{ name: 'demo-key', encryptionAlgorithm: 'aes-256-gcm', keyUsage: 'encrypt-decrypt' }],
    });
    expect(listed.body.keys[0]).not.toHaveProperty('material');
    const keyId = listed.body.keys[0].id;
    const plaintext = Buffer.from('hello kms').toString('base64');
    const encrypted = await client.post(`/api/v1/kms/keys/${keyId}/encrypt`, { plaintext });
    expect(encrypted.status).toBe(200);
    const decrypted = await client.post(`/api/v1/kms/keys/${keyId}/decrypt`, {
      ciphertext: encrypted.body.ciphertext,
    });
    expect(decrypted.body).toEqual({ plaintext });

    const bytes = Buffer.from(encrypted.body.ciphertext, 'base64');
    bytes[14] = (bytes[14] as number) ^ 1;
    const tampered = await client.post(`/api/v1/kms/keys/${keyId}/decrypt`, {
      ciphertext: bytes.toString('base64'),
    });
    expect(tampered.status).toBe(400);
  });

  it('wants base64 and uuids, and refuses outsiders', async () => {
    const { client, projectId, sandbox } = await startTestSandbox();
    const keyId = (await client.get('/api/v1/kms/keys', { projectId })).body.keys[0].id;
    const notBase64 = await client.post(`/api/v1/kms/keys/${keyId}/encrypt`, {
      plaintext: 'not base64!',
    });
    expect(notBase64.body.message).toEqual([
      { code: 'custom', message: 'plaintext must be base64 encoded', path: ['plaintext'] },
    ]);
    const notUuid = await client.post('/api/v1/kms/keys/abc/encrypt', { plaintext: 'aGk=' });
    expect(notUuid.status).toBe(422);
    const unknown = await client.post(
      '/api/v1/kms/keys/00000000-0000-4000-8000-000000000000/encrypt',
      { plaintext: 'aGk=' },
    );
    expect(unknown.status).toBe(404);
    const { client: stranger } = await outsider(sandbox.url, sandbox);
    expect(
      (await stranger.post(`/api/v1/kms/keys/${keyId}/encrypt`, { plaintext: 'aGk=' })).status,
    ).toBe(403);
    expect((await stranger.get('/api/v1/kms/keys', { projectId })).status).toBe(403);
  });
});

describe('secret sharing', () => {
  it('creates a link and keeps the value out of the answer', async () => {
    const { client, sandbox } = await startTestSandbox();
    const created = await client.post('/api/v1/secret-sharing', {
      secretValue: 'share-me-once',
      expiresIn: '1h',
      maxViews: 1,
      name: 'for ada',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      name: 'for ada',
      expiresAfterViews: 1,
      accessType: 'organization',
      sharedSecretLink: `${sandbox.url}/shared/secret/${created.body.id}`,
    });
    expect(JSON.stringify(created.body)).not.toContain('share-me-once');
    const dump = (await client.get('/__sandbox/state')).body;
    expect(dump.sharedSecrets).toEqual([
      expect.objectContaining({ id: created.body.id, value: 'share-me-once', maxViews: 1 }),
    ]);
  });

  it('bounds the expiry between 5 minutes and 30 days', async () => {
    const { client, sandbox } = await startTestSandbox();
    const tooShort = await client.post('/api/v1/secret-sharing', {
      secretValue: 'x',
      expiresIn: '1m',
    });
    expect(tooShort.body.message).toEqual([
      {
        code: 'custom',
        message: 'Expiration time cannot be less than 5 minutes',
        path: ['expiresIn'],
      },
    ]);
    const missing = await client.post('/api/v1/secret-sharing', { expiresIn: '1h' });
    expect(missing.status).toBe(422);
    expect(sandbox.state.sharedSecrets.list()).toHaveLength(0);
  });
});
