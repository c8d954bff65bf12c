// Project role routes: what backend/src/ee/routes/v1/project-role-router.ts and the project-role
// service answer, and that a role created over HTTP is the one the permission checks use.
import { describe, expect, it } from 'vitest';
import { expectedError, SandboxClient, startTestSandbox } from './helpers.js';

const DEV_FOLDERS = {
  slug: 'dev-folders',
  name: 'Dev folders',
  description: 'Folders in dev only',
  permissions: [
    { subject: 'secret-folders', action: ['create', 'edit'], conditions: { environment: 'dev' } },
    { subject: 'secrets', action: 'describeSecret', conditions: { secretPath: { $glob: '/**' } } },
  ],
};

async function sandboxWithMember(roles: string[]) {
  const test = await startTestSandbox();
  const identity = test.sandbox.state.createIdentity({ projectIds: [test.projectId], roles });
  const member = new SandboxClient(test.sandbox.url);
  await member.login(identity.clientId, identity.clientSecret);
  return { ...test, member, identity, roles: `/api/v1/projects/${test.projectId}/roles` };
}

describe('project roles over HTTP', () => {
  it('creates a custom role, lists it after the built-in ones and reads it back by slug', async () => {
    const { client, projectId, roles } = await sandboxWithMember(['viewer']);
    const created = await client.post(roles, DEV_FOLDERS);
    expect(created.status).toBe(200);
    expect(created.body.role).toEqual({
      id: expect.any(String),
      name: 'Dev folders',
      description: 'Folders in dev only',
      slug: 'dev-folders',
      projectId,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      permissions: [
        {
          subject: 'secret-folders',
          action: ['create', 'edit'],
          conditions: { environment: 'dev' },
        },
        {
          subject: 'secrets',
          action: ['describeSecret'],
          conditions: { secretPath: { $glob: '/**' } },
        },
      ],
    });

    const listed = await client.get(roles);
    expect(listed.body.roles.map((role: { slug: string }) => role.slug)).toEqual([
      'admin',
      'member',
      'viewer',
      'no-access',
      'dev-folders',
    ]);
    expect(listed.body.roles[4]).not.toHaveProperty('permissions');

    const bySlug = await client.get(`${roles}/slug/dev-folders`);
    expect(bySlug.body.role).toEqual(created.body.role);
    const viewer = await client.get(`${roles}/slug/viewer`);
    expect(viewer.body.role).toMatchObject({ name: 'Viewer', slug: 'viewer' });
    expect(viewer.body.role.permissions).toContainEqual({ subject: 'tags', action: ['read'] });
    const missing = await client.get(`${roles}/slug/nope`);
    expect(missing.body).toEqual(
      expectedError(404, 'NotFound', "Project role with slug 'nope' not found"),
    );
  });

  it("validates the body as Infisical's schema does", async () => {
    const { client, roles } = await sandboxWithMember(['viewer']);
    const reserved = await client.post(roles, { ...DEV_FOLDERS, slug: 'viewer' });
    expect(reserved.status).toBe(422);
    expect(reserved.body.message).toContainEqual(
      expect.objectContaining({
        path: ['slug'],
        message: 'Please choose a different slug, the slug you have entered is reserved',
      }),
    );
    const badSubject = await client.post(roles, {
      ...DEV_FOLDERS,
      permissions: [{ subject: 'nonsense', action: 'read' }],
    });
    expect(badSubject.status).toBe(422);
    expect(badSubject.body.message[0]).toMatchObject({
      code: 'invalid_union_discriminator',
      path: ['permissions', 0, 'subject'],
    });
    const badAction = await client.post(roles, {
      ...DEV_FOLDERS,
      permissions: [{ subject: 'tags', action: ['read', 'lease'] }],
    });
    expect(badAction.body.message[0]).toMatchObject({
      code: 'invalid_enum_value',
      path: ['permissions', 0, 'action', 1],
    });
    const badPath = await client.post(roles, {
      ...DEV_FOLDERS,
      permissions: [{ subject: 'secrets', action: 'readValue', conditions: { secretPath: 'a' } }],
    });
    expect(badPath.body.message[0]).toMatchObject({
      path: ['permissions', 0, 'conditions', 'secretPath'],
      message: "Invalid Secret Path; it must start with a '/'",
    });
    expect((await client.post(roles, DEV_FOLDERS)).status).toBe(200);
    const duplicate = await client.post(roles, DEV_FOLDERS);
    expect(duplicate.body).toEqual(
      expectedError(400, 'Create Role', 'Project role with same slug already exists'),
    );
  });

  it('updates a role so its members gain what it now allows, and deletes it once unassigned', async () => {
    const { client, member, identity, projectId, roles } = await sandboxWithMember(['viewer']);
    const created = await client.post(roles, DEV_FOLDERS);
    const roleUrl = `${roles}/${created.body.role.id}`;
    const membership = `/api/v1/projects/${projectId}/memberships/identities/${identity.id}`;
    expect((await client.patch(membership, { roles: [{ role: 'dev-folders' }] })).status).toBe(200);
    const folder = { projectId, environment: 'staging', name: 'blocked', path: '/' };
    const refused = await member.post('/api/v2/folders', folder);
    expect(refused.body.message).toBe('You are not allowed to create on secret-folders');

    const updated = await client.patch(roleUrl, {
      slug: 'all-folders',
      permissions: [{ subject: 'secret-folders', action: 'create' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.role).toMatchObject({
      slug: 'all-folders',
      name: 'Dev folders',
      permissions: [{ subject: 'secret-folders', action: ['create'] }],
    });
    expect((await member.post('/api/v2/folders', folder)).status).toBe(200);

    const inUse = await client.delete(roleUrl);
    expect(inUse.body).toEqual(
      expectedError(
        400,
        'Delete role',
        'The role is assigned to one or more identities. Make sure to unassign them before deleting the role.',
      ),
    );
    await client.patch(membership, { roles: [{ role: 'viewer' }] });
    const deleted = await client.delete(roleUrl);
    expect(deleted.body.role.slug).toBe('all-folders');
    expect((await client.delete(roleUrl)).body).toEqual(
      expectedError(404, 'Delete role', 'Project role not found'),
    );
  });

  it('lets a viewer read roles but not change them, and a no-access member not even read them', async () => {
    const { member, client, roles } = await sandboxWithMember(['viewer']);
    expect((await member.get(roles)).status).toBe(200);
    const created = await member.post(roles, DEV_FOLDERS);
    expect(created.body).toMatchObject(
      expectedError(403, 'PermissionDenied', 'You are not allowed to create on role'),
    );
    const existing = await client.post(roles, DEV_FOLDERS);
    const url = `${roles}/${existing.body.role.id}`;
    expect((await member.patch(url, { name: 'x' })).body.message).toBe(
      'You are not allowed to edit on role',
    );
    expect((await member.delete(url)).body.message).toBe('You are not allowed to delete on role');

    const none = await sandboxWithMember(['no-access']);
    expect((await none.member.get(none.roles)).body.message).toBe(
      'You are not allowed to read on role',
    );
  });
});
