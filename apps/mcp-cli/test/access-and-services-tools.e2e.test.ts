import { hintsWithDefaults } from '@infisical/mcp-core';
import { type RunningSandbox, startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

/** Well formed, and issued to nothing. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

// The access, dynamic-secrets, kms and sharing toolsets, over stdio against the sandbox. One
// server, as the demo identity: admin of the demo project, viewer of `viewerProjectId`, and no
// member of `strangerProjectId` (so calls there are refused with 403).

let sandbox: RunningSandbox;
let admin: SandboxAdminClient;
let server: SpawnedServer;
let projectId: string;
let viewerProjectId: string;
let strangerProjectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  const { state } = sandbox;
  const viewerProject = state.createProject({ name: 'Viewer Project' });
  state.addIdentityMember(viewerProject, sandbox.demo.identityId, ['viewer']);
  state.inviteUsers(viewerProject, {
    emails: ['vic@example.com'],
    usernames: [],
    roles: ['member'],
  });
  viewerProjectId = viewerProject.id;
  const strangerProject = state.createProject({ name: 'Stranger Project' });
  strangerProjectId = strangerProject.id;
  state.dynamicSecrets.create({ projectId: strangerProjectId, environment: 'dev', name: 'theirs' });
  state.kmsKeys.create({
    projectId: strangerProjectId,
    orgId: strangerProject.orgId,
    name: 'theirs',
  });
  server = await spawnStdioServer(sandboxCredentials(sandbox));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

async function members(id = projectId) {
  return (await admin.project(id)).members;
}

describe('access toolset', () => {
  it('list-project-members pages through the users of a project with their roles', async () => {
    sandbox.state.inviteUsers(sandbox.state.requireProject(projectId), {
      emails: ['ada@example.com'],
      usernames: ['grace'],
      roles: ['member'],
    });
    const first = await server.call('list-project-members', { projectId, limit: 1 });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({
      members: [{ email: 'ada@example.com', username: 'ada@example.com', roles: ['member'] }],
      totalCount: 2,
      nextCursor: expect.any(String),
    });
    const second = await server.call('list-project-members', {
      projectId,
      limit: 1,
      cursor: (first.structuredContent as { nextCursor: string }).nextCursor,
    });
    expect(second.structuredContent).toEqual({
      members: [
        {
          membershipId: expect.any(String),
          userId: expect.any(String),
          username: 'grace',
          roles: ['member'],
        },
      ],
      totalCount: 2,
    });
  });

  it('list-project-identities lists machine identities with names and roles', async () => {
    const bot = await admin.createIdentity([projectId], { name: 'ci-bot', roles: ['viewer'] });
    const result = await server.call('list-project-identities', { projectId });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      identities: [
        { identityId: sandbox.demo.identityId, name: 'demo-identity', roles: ['admin'] },
        { identityId: bot.identityId, name: 'ci-bot', roles: ['viewer'] },
      ],
      totalCount: 2,
    });
  });

  it('update-project-membership replaces the roles of a user or an identity', async () => {
    const { members: listed } = (await server.call('list-project-members', { projectId }))
      .structuredContent as { members: { membershipId: string; username: string }[] };
    const grace = listed.find((member) => member.username === 'grace');
    const user = await server.call('update-project-membership', {
      projectId,
      membershipId: grace?.membershipId,
      roles: ['viewer'],
    });
    expect(user.structuredContent).toEqual({
      membershipId: grace?.membershipId,
      roles: ['viewer'],
    });
    expect(
      (await members()).find((m) => m.kind === 'user' && m.username === 'grace'),
    ).toMatchObject({
      roles: ['viewer'],
    });

    const bot = (await members()).find(
      (m) => m.kind === 'identity' && m.identityId !== sandbox.demo.identityId,
    );
    const identityId = bot?.kind === 'identity' ? bot.identityId : '';
    const identity = await server.call('update-project-membership', {
      projectId,
      identityId,
      roles: ['member', 'viewer'],
    });
    expect(identity.structuredContent).toEqual({ identityId, roles: ['member', 'viewer'] });
    expect(
      (await members()).find((m) => m.kind === 'identity' && m.identityId === identityId),
    ).toMatchObject({
      roles: ['member', 'viewer'],
    });
  });

  it('names custom roles by slug, though Infisical lists them as "custom" and answers a change without the slug', async () => {
    const { state } = sandbox;
    const project = state.createProject({
      name: 'Custom Roles',
      adminIdentityId: sandbox.demo.identityId,
    });
    state.createProjectRole(project, {
      slug: 'auditor',
      permissions: [{ subject: 'secrets', action: ['describeSecret'] }],
    });
    const bot = state.createIdentity({
      name: 'audit-bot',
      projectIds: [project.id],
      roles: ['auditor'],
    });
    state.inviteUsers(project, { emails: ['eve@example.com'], usernames: [], roles: ['member'] });

    const identities = await server.call('list-project-identities', { projectId: project.id });
    expect(identities.structuredContent).toMatchObject({
      identities: expect.arrayContaining([
        expect.objectContaining({ identityId: bot.id, roles: ['auditor'] }),
      ]),
    });
    const { members: listed } = (
      await server.call('list-project-members', { projectId: project.id })
    ).structuredContent as { members: { membershipId: string }[] };
    const membershipId = listed[0]?.membershipId;
    const changed = await server.call('update-project-membership', {
      projectId: project.id,
      membershipId,
      roles: ['auditor', 'viewer'],
    });
    expect(changed.structuredContent).toEqual({ membershipId, roles: ['auditor', 'viewer'] });
    const relisted = await server.call('list-project-members', { projectId: project.id });
    expect(relisted.structuredContent).toMatchObject({
      members: [{ membershipId, roles: ['auditor', 'viewer'] }],
    });
  });

  it('remove-project-member removes a user or an identity, and is marked destructive', async () => {
    const { tools } = await server.client.listTools();
    const remove = tools.find((tool) => tool.name === 'remove-project-member');
    expect(hintsWithDefaults(remove?.annotations)).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });

    const before = await members();
    const ada = before.find((m) => m.kind === 'user' && m.username === 'ada@example.com');
    const { members: listed } = (await server.call('list-project-members', { projectId }))
      .structuredContent as { members: { membershipId: string; userId: string }[] };
    const adaMembership = listed.find((m) => ada?.kind === 'user' && m.userId === ada.userId);
    const removedUser = await server.call('remove-project-member', {
      projectId,
      membershipId: adaMembership?.membershipId,
    });
    expect(removedUser.structuredContent).toMatchObject({
      removed: { kind: 'user', membershipId: adaMembership?.membershipId },
    });
    const bot = before.find(
      (m) => m.kind === 'identity' && m.identityId !== sandbox.demo.identityId,
    );
    const identityId = bot?.kind === 'identity' ? bot.identityId : '';
    const removedIdentity = await server.call('remove-project-member', { projectId, identityId });
    expect(removedIdentity.structuredContent).toMatchObject({
      removed: { kind: 'identity', identityId },
    });
    expect(await members()).toEqual([
      before.find((m) => m.kind === 'identity' && m.identityId === sandbox.demo.identityId),
      before.find((m) => m.kind === 'user' && m.username === 'grace'),
    ]);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await members();
    const grace = before.find((m) => m.kind === 'user');
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['remove-project-member', { projectId }, /exactly one of membershipId/],
      [
        'remove-project-member',
        { projectId, membershipId: UNKNOWN_ID, identityId: sandbox.demo.identityId },
        /exactly one of membershipId/,
      ],
      [
        'remove-project-member',
        { projectId, membershipId: '..' },
        /membershipId must be an ID as Infisical issues them/,
      ],
      ['remove-project-member', { projectId, membershipId: UNKNOWN_ID }, /not found/],
      [
        'update-project-membership',
        { projectId, identityId: UNKNOWN_ID, roles: ['viewer'] },
        /not found/,
      ],
      [
        'update-project-membership',
        { projectId, membershipId: UNKNOWN_ID, roles: 'viewer' },
        /roles/,
      ],
      ['update-project-membership', { projectId, membershipId: UNKNOWN_ID, roles: [] }, /roles/],
      ['update-project-membership', { projectId, membershipId: UNKNOWN_ID }, /roles/],
      ['list-project-members', {}, /projectId/],
      ['list-project-identities', { projectId, limit: 0 }, /limit/],
    ];
    for (const [tool, args, message] of cases) {
      const result = await server.call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    const unknownRole = await server.call('update-project-membership', {
      projectId,
      membershipId: (
        (await server.call('list-project-members', { projectId })).structuredContent as {
          members: { membershipId: string }[];
        }
      ).members[0]?.membershipId,
      roles: ['overlord'],
    });
    expect(unknownRole.isError).toBe(true);
    expect(textOf(unknownRole)).toMatch(/Role not found: overlord/);
    expect(await members()).toEqual(before);
    expect(grace).toBeDefined();
  });

  it('answers permission denied to a viewer and to a non-member, changing nothing', async () => {
    const before = await members(viewerProjectId);
    const vic = (
      (await server.call('list-project-members', { projectId: viewerProjectId }))
        .structuredContent as {
        members: { membershipId: string }[];
      }
    ).members[0];
    const asViewer = await server.call('remove-project-member', {
      projectId: viewerProjectId,
      membershipId: vic?.membershipId,
    });
    expect(asViewer.isError).toBe(true);
    expect(textOf(asViewer)).toMatch(/not allowed.*lacks permission/s);
    expect(await members(viewerProjectId)).toEqual(before);

    const stranger = await server.call('list-project-identities', { projectId: strangerProjectId });
    expect(stranger.isError).toBe(true);
    expect(textOf(stranger)).toMatch(/not a member/);
  });

  it('sends identity-membership calls to the current routes, never the deprecated ones', async () => {
    const bot = await admin.createIdentity([projectId], { name: 'route-bot', roles: ['viewer'] });
    await admin.resetStats();
    const listed = await server.call('list-project-identities', { projectId });
    expect(listed.isError).toBeFalsy();
    const updated = await server.call('update-project-membership', {
      projectId,
      identityId: bot.identityId,
      roles: ['member'],
    });
    expect(updated.structuredContent).toEqual({ identityId: bot.identityId, roles: ['member'] });
    const removed = await server.call('remove-project-member', {
      projectId,
      identityId: bot.identityId,
    });
    expect(removed.isError).toBeFalsy();
    const { requests } = await admin.stats();
    const current = '/api/v1/projects/:projectId/memberships/identities';
    expect(requests[`GET ${current}`]).toBe(1);
    expect(requests[`PATCH ${current}/:identityId`]).toBe(1);
    expect(requests[`DELETE ${current}/:identityId`]).toBe(1);
    const deprecated = Object.keys(requests).filter(
      (route) => route.includes('identity-memberships') || route.includes('/api/v2/workspace'),
    );
    expect(deprecated).toEqual([]);
  });
});

describe('dynamic-secrets toolset', () => {
  const dev = () => ({ projectId, environmentSlug: 'dev', secretPath: '/' });
  let leaseId: string;
  let password: string;

  it('list-dynamic-secrets and get-dynamic-secret describe without credentials or provider inputs', async () => {
    const listed = await server.call('list-dynamic-secrets', dev());
    expect(listed.structuredContent).toEqual({
      dynamicSecrets: [
        {
          id: expect.any(String),
          name: 'demo-postgres',
          type: 'sql-database',
          defaultTTL: '1h',
          maxTTL: '24h',
        },
      ],
      totalCount: 1,
    });
    const got = await server.call('get-dynamic-secret', {
      ...dev(),
      dynamicSecretName: 'demo-postgres',
    });
    expect(got.structuredContent).toMatchObject({
      dynamicSecret: { name: 'demo-postgres', leases: [] },
    });
    expect(textOf(got)).not.toMatch(/sandbox-provider-admin-password|inputs/);
  });

  it('create-dynamic-secret-lease issues credentials and records the lease', async () => {
    const result = await server.call('create-dynamic-secret-lease', {
      ...dev(),
      dynamicSecretName: 'demo-postgres',
      ttl: '30m',
    });
    expect(result.isError).toBeFalsy();
    const [stored] = (await admin.project(projectId)).dynamicSecrets[0]?.leases ?? [];
    expect(stored).toBeDefined();
    leaseId = stored?.id as string;
    password = stored?.credentials.DB_PASSWORD as string;
    expect(result.structuredContent).toEqual({
      lease: { id: leaseId, expireAt: stored?.expireAt },
      credentials: [
        { key: 'DB_USERNAME', secretValue: stored?.credentials.DB_USERNAME },
        { key: 'DB_PASSWORD', secretValue: password },
      ],
    });
    const lifetime = Date.parse(stored?.expireAt as string) - Date.now();
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000);
    expect(server.stderr()).not.toContain(password);

    const got = await server.call('get-dynamic-secret', {
      ...dev(),
      dynamicSecretName: 'demo-postgres',
    });
    expect(got.structuredContent).toMatchObject({ dynamicSecret: { leases: [{ id: leaseId }] } });
    expect(textOf(got)).not.toContain(password);
  });

  it('renew-dynamic-secret-lease moves the expiry', async () => {
    const result = await server.call('renew-dynamic-secret-lease', {
      ...dev(),
      leaseId,
      ttl: '2h',
    });
    expect(result.isError).toBeFalsy();
    const [stored] = (await admin.project(projectId)).dynamicSecrets[0]?.leases ?? [];
    expect(result.structuredContent).toEqual({
      lease: { id: leaseId, expireAt: stored?.expireAt },
    });
    expect(Date.parse(stored?.expireAt as string) - Date.now()).toBeGreaterThan(119 * 60_000);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = (await admin.project(projectId)).dynamicSecrets;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'create-dynamic-secret-lease',
        { ...dev(), dynamicSecretName: 'nope' },
        /Dynamic secret with name 'nope'.*not found/,
      ],
      [
        'create-dynamic-secret-lease',
        { ...dev(), dynamicSecretName: 'demo-postgres', ttl: '10s' },
        /TTL must be a greater than 1min/,
      ],
      [
        'create-dynamic-secret-lease',
        { ...dev(), dynamicSecretName: 'demo-postgres', ttl: 'forever' },
        /ttl/,
      ],
      [
        'create-dynamic-secret-lease',
        { ...dev(), dynamicSecretName: 'demo-postgres', ttl: '3d' },
        /TTL cannot be larger than max TTL/,
      ],
      ['create-dynamic-secret-lease', { ...dev() }, /dynamicSecretName/],
      [
        'create-dynamic-secret-lease',
        { ...dev(), environmentSlug: 'qa', dynamicSecretName: 'demo-postgres' },
        /not found/,
      ],
      [
        'renew-dynamic-secret-lease',
        { ...dev(), leaseId: UNKNOWN_ID },
        /lease with ID '00000000-0000-4000-8000-000000000000' not found/,
      ],
      [
        'renew-dynamic-secret-lease',
        { ...dev(), leaseId: 'no-such-lease' },
        /leaseId must be an ID as Infisical issues them/,
      ],
      ['renew-dynamic-secret-lease', { ...dev(), leaseId, ttl: '48h' }, /max TTL/],
      ['revoke-dynamic-secret-lease', { ...dev(), leaseId: 42 }, /leaseId/],
      ['list-dynamic-secrets', { projectId }, /environmentSlug/],
      [
        'get-dynamic-secret',
        { ...dev(), projectId: strangerProjectId, dynamicSecretName: 'theirs' },
        /not a member/,
      ],
    ];
    for (const [tool, args, message] of cases) {
      const result = await server.call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect((await admin.project(projectId)).dynamicSecrets).toEqual(before);
    expect((await admin.project(strangerProjectId)).dynamicSecrets[0]?.leases).toEqual([]);
  });

  it('INFISICAL_MASK_SECRET_VALUES masks lease credentials like secret values', async () => {
    const masked = await spawnStdioServer({
      ...sandboxCredentials(sandbox),
      INFISICAL_MASK_SECRET_VALUES: 'true',
    });
    try {
      const result = await masked.call('create-dynamic-secret-lease', {
        ...dev(),
        dynamicSecretName: 'demo-postgres',
      });
      expect(result.structuredContent).toMatchObject({
        credentials: [
          { key: 'DB_USERNAME', secretValue: expect.stringMatching(/^<masked length=\d+ /) },
          { key: 'DB_PASSWORD', secretValue: expect.stringMatching(/^<masked length=\d+ /) },
        ],
      });
      const leases = (await admin.project(projectId)).dynamicSecrets[0]?.leases ?? [];
      expect(leases).toHaveLength(2);
      const maskedLease = (result.structuredContent as { lease: { id: string } }).lease.id;
      await server.call('revoke-dynamic-secret-lease', { ...dev(), leaseId: maskedLease });
    } finally {
      await masked.close();
    }
  });

  it('revoke-dynamic-secret-lease ends the lease', async () => {
    const result = await server.call('revoke-dynamic-secret-lease', { ...dev(), leaseId });
    expect(result.structuredContent).toEqual({ revoked: { id: leaseId } });
    expect((await admin.project(projectId)).dynamicSecrets[0]?.leases).toEqual([]);
    const again = await server.call('revoke-dynamic-secret-lease', { ...dev(), leaseId });
    expect(again.isError).toBe(true);
    expect(server.stderr()).not.toContain(password);
  });
});

describe('kms toolset', () => {
  let keyId: string;

  it('list-kms-keys lists a project’s keys without key material', async () => {
    await admin.createKmsKey({ projectId, name: 'retired', isDisabled: true });
    const result = await server.call('list-kms-keys', { projectId });
    expect(result.structuredContent).toEqual({
      keys: [
        {
          id: expect.any(String),
          name: 'demo-key',
          keyUsage: 'encrypt-decrypt',
          encryptionAlgorithm: 'aes-256-gcm',
          isDisabled: false,
        },
        expect.objectContaining({ name: 'retired', isDisabled: true }),
      ],
      totalCount: 2,
    });
    keyId = (result.structuredContent as { keys: { id: string }[] }).keys[0]?.id as string;
  });

  it('kms-decrypt(kms-encrypt(x)) gives x back, as text and as base64', async () => {
    const text = 'hello, wörld ✓';
    const encrypted = await server.call('kms-encrypt', { keyId, plaintext: text });
    const { ciphertext } = encrypted.structuredContent as { ciphertext: string };
    expect(ciphertext).not.toContain(text);
    const decrypted = await server.call('kms-decrypt', { keyId, ciphertext });
    expect(decrypted.structuredContent).toEqual({ plaintext: text });

    const binary = Buffer.from([0, 255, 1, 254]).toString('base64');
    const sealed = await server.call('kms-encrypt', {
      keyId,
      plaintext: binary,
      encoding: 'base64',
    });
    const opened = await server.call('kms-decrypt', {
      keyId,
      ciphertext: (sealed.structuredContent as { ciphertext: string }).ciphertext,
      encoding: 'base64',
    });
    expect(opened.structuredContent).toEqual({ plaintext: binary });
    const asText = await server.call('kms-decrypt', {
      keyId,
      ciphertext: (sealed.structuredContent as { ciphertext: string }).ciphertext,
    });
    expect(asText.isError).toBe(true);
    expect(textOf(asText)).toMatch(/encoding "base64"/);
  });

  it('refuses tampered ciphertext, unknown, disabled and foreign keys, and bad input', async () => {
    const { ciphertext } = (await server.call('kms-encrypt', { keyId, plaintext: 'x' }))
      .structuredContent as { ciphertext: string };
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[13] = (bytes[13] as number) ^ 1;
    const keys = (await admin.project(projectId)).kmsKeys;
    const retired = keys.find((key) => key.name === 'retired')?.id;
    const theirs = (await admin.project(strangerProjectId)).kmsKeys[0]?.id;
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['kms-decrypt', { keyId, ciphertext: bytes.toString('base64') }, /Failed to decrypt/],
      [
        'kms-encrypt',
        { keyId: '00000000-0000-4000-8000-000000000000', plaintext: 'x' },
        /not found/,
      ],
      ['kms-encrypt', { keyId: 'not-a-uuid', plaintext: 'x' }, /keyId must be an ID/],
      ['kms-encrypt', { keyId: retired, plaintext: 'x' }, /disabled/],
      ['kms-encrypt', { keyId: theirs, plaintext: 'x' }, /not a member/],
      ['kms-encrypt', { keyId, plaintext: 'not base64!', encoding: 'base64' }, /base64/],
      ['kms-encrypt', { keyId, plaintext: 7 }, /plaintext/],
      ['kms-encrypt', { keyId, plaintext: 'x', encoding: 'hex' }, /encoding/],
      ['kms-decrypt', { keyId }, /ciphertext/],
      ['list-kms-keys', { projectId: strangerProjectId }, /not a member/],
    ];
    for (const [tool, args, message] of cases) {
      const result = await server.call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect((await admin.project(projectId)).kmsKeys).toEqual(keys);
  });
});

describe('sharing toolset', () => {
  it('create-shared-secret makes a one-time link and never returns the value', async () => {
    const value = 'share-this-value-once-0123';
    const result = await server.call('create-shared-secret', {
      secretValue: value,
      name: 'for ada',
    });
    expect(result.isError).toBeFalsy();
    const { sharedSecrets } = await admin.state();
    expect(sharedSecrets).toHaveLength(1);
    const [stored] = sharedSecrets;
    expect(stored).toMatchObject({
      value,
      name: 'for ada',
      maxViews: 1,
      accessType: 'organization',
    });
    expect(Date.parse(stored?.expiresAt as string) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(result.structuredContent).toEqual({
      id: stored?.id,
      url: `${sandbox.url}/shared/secret/${stored?.id}`,
      expiresAt: stored?.expiresAt,
      maxViews: 1,
      accessType: 'organization',
    });
    expect(textOf(result)).not.toContain(value);
    expect(server.stderr()).not.toContain(value);

    const options = await server.call('create-shared-secret', {
      secretValue: 'x',
      expiresIn: '7d',
      maxViews: 3,
      accessType: 'anyone',
      password: 'pw-for-the-recipient',
    });
    expect(options.structuredContent).toMatchObject({ maxViews: 3, accessType: 'anyone' });
    expect((await admin.state()).sharedSecrets[1]).toMatchObject({
      maxViews: 3,
      accessType: 'anyone',
      hasPassword: true,
    });
  });

  it('refuses bad input and shares nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ secretValue: 'x', expiresIn: '1m' }, /cannot be less than 5 minutes/],
      [{ secretValue: 'x', expiresIn: '31d' }, /cannot exceed 30 days/],
      [{ secretValue: 'x', expiresIn: 'soon' }, /expiresIn/],
      [{ secretValue: 'x', maxViews: 0 }, /maxViews/],
      [{ secretValue: 'x', accessType: 'everyone' }, /accessType/],
      [{ expiresIn: '1h' }, /secretValue/],
      [{ secretValue: 12 }, /secretValue/],
    ];
    const before = (await admin.state()).sharedSecrets.length;
    for (const [args, message] of cases) {
      const result = await server.call('create-shared-secret', args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect((await admin.state()).sharedSecrets).toHaveLength(before);
  });
});
