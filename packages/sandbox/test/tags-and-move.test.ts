import { describe, expect, it } from 'vitest';
import { expectedError, startTestSandbox } from './helpers.js';

const tagsOf = (projectId: string) => `/api/v1/projects/${projectId}/tags`;
const MOVE = '/api/v4/secrets/move';

describe('secret tags', () => {
  it('creates, lists and deletes a tag; deleting takes it off the secrets carrying it', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    const created = await client.post(tagsOf(projectId), { slug: 'backend', color: '#112233' });
    expect(created.status).toBe(200);
    expect(created.body.tag).toMatchObject({
      id: expect.any(String),
      slug: 'backend',
      color: '#112233',
      projectId,
    });
    const tagId = created.body.tag.id;
    const secret = await client.post('/api/v4/secrets/TAGGED', {
      projectId,
      environment: 'dev',
      secretValue: 'v',
      tagIds: [tagId],
    });
    expect(secret.status).toBe(200);
    expect(sandbox.state.getProject(projectId)).toBeDefined();

    const listed = await client.get(tagsOf(projectId));
    expect(listed.body.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['backend']);

    const deleted = await client.delete(`${tagsOf(projectId)}/${tagId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.tag.id).toBe(tagId);
    expect((await client.get(tagsOf(projectId))).body.tags).toEqual([]);
    const read = await client.get('/api/v4/secrets/TAGGED', { projectId, environment: 'dev' });
    expect(read.body.secret.tags).toEqual([]);
  });

  it('refuses a duplicate slug (400), a bad slug (422), an unknown tag (404) and a stranger (403)', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    await client.post(tagsOf(projectId), { slug: 'ops', color: '#000000' });
    const again = await client.post(tagsOf(projectId), { slug: 'ops', color: '#000000' });
    expect(again.body).toEqual(expectedError(400, 'BadRequest', 'Tag already exist'));
    const bad = await client.post(tagsOf(projectId), { slug: 'Not A Slug', color: '#000000' });
    expect(bad.status).toBe(422);
    const unknown = await client.delete(`${tagsOf(projectId)}/no-such-tag`);
    expect(unknown.body).toEqual(
      expectedError(404, 'NotFound', "Tag with ID 'no-such-tag' not found"),
    );
    const unknownOnWrite = await client.post('/api/v4/secrets/WITH_BAD_TAG', {
      projectId,
      environment: 'dev',
      secretValue: 'v',
      tagIds: ['no-such-tag'],
    });
    expect(unknownOnWrite.body).toEqual(expectedError(404, 'NotFound', 'Tag not found'));
    const stranger = sandbox.state.createIdentity();
    await client.login(stranger.clientId, stranger.clientSecret);
    const denied = await client.get(tagsOf(projectId));
    expect(denied.status).toBe(403);
    expect(denied.body.error).toBe('PermissionDenied');
    expect(sandbox.state.tags.list(projectId).map((tag) => tag.slug)).toEqual(['ops']);
  });

  it('sets tags on batch writes and replaces them on update', async () => {
    const { client, projectId } = await startTestSandbox();
    const a = (await client.post(tagsOf(projectId), { slug: 'a', color: '#000000' })).body.tag;
    const b = (await client.post(tagsOf(projectId), { slug: 'b', color: '#000000' })).body.tag;
    await client.post('/api/v4/secrets/batch', {
      projectId,
      environment: 'dev',
      secrets: [{ secretKey: 'T1', secretValue: '1', tagIds: [a.id] }],
    });
    await client.patch('/api/v4/secrets/batch', {
      projectId,
      environment: 'dev',
      secrets: [{ secretKey: 'T1', tagIds: [b.id] }],
    });
    const listed = await client.get('/api/v4/secrets', {
      projectId,
      environment: 'dev',
      tagSlugs: 'b',
    });
    expect(listed.body.secrets.map((s: { secretKey: string }) => s.secretKey)).toEqual(['T1']);
  });
});

describe('moving secrets', () => {
  it('moves secrets to another folder and environment, all or nothing', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    const moving = sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      key: 'MOVE_ME',
      value: 'm',
    });
    sandbox.state.putSecret({
      projectId,
      environment: 'staging',
      secretPath: '/target',
      key: 'CLASH',
      value: 'old',
    });
    const clash = sandbox.state.putSecret({
      projectId,
      environment: 'dev',
      key: 'CLASH',
      value: 'new',
    });
    const base = {
      projectId,
      sourceEnvironment: 'dev',
      destinationEnvironment: 'staging',
      destinationSecretPath: '/target',
    };

    const refused = await client.post(MOVE, { ...base, secretIds: [moving.id, clash.id] });
    expect(refused.body).toEqual(
      expectedError(
        400,
        'BadRequest',
        'Failed to move secrets. The following secrets already exist in the destination: CLASH',
      ),
    );
    expect(
      sandbox.state
        .findFolder(sandbox.state.requireProject(projectId), 'dev', '/')
        ?.secrets.has('MOVE_ME'),
    ).toBe(true);

    const moved = await client.post(MOVE, {
      ...base,
      secretIds: [moving.id, clash.id],
      shouldOverwrite: true,
    });
    expect(moved.body).toEqual({ isSourceUpdated: true, isDestinationUpdated: true });
    const project = sandbox.state.requireProject(projectId);
    expect(sandbox.state.findFolder(project, 'dev', '/')?.secrets.has('MOVE_ME')).toBe(false);
    const target = sandbox.state.findFolder(project, 'staging', '/target');
    expect(target?.secrets.get('MOVE_ME')?.value).toBe('m');
    expect(target?.secrets.get('CLASH')?.value).toBe('new');
  });

  it('answers 404 for a missing folder, 400 for an unknown id, 422 without secretIds', async () => {
    const { client, projectId } = await startTestSandbox();
    const base = { projectId, sourceEnvironment: 'dev', destinationEnvironment: 'dev' };
    const noFolder = await client.post(MOVE, {
      ...base,
      destinationSecretPath: '/nowhere',
      secretIds: ['x'],
    });
    expect(noFolder.body).toEqual(
      expectedError(404, 'NotFound', 'Destination path does not exist.'),
    );
    const unknown = await client.post(MOVE, { ...base, secretIds: ['x'] });
    expect(unknown.body).toEqual(expectedError(400, 'BadRequest', 'Invalid secrets'));
    const missing = await client.post(MOVE, base);
    expect(missing.status).toBe(422);
  });
});
