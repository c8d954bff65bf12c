import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildSandboxApp } from '../src/index.js';
import { ACCESS_TOKEN_RESPONSE } from '../src/responses/auth-response-schemas.js';
import { PROJECT_ROLE_RESPONSE } from '../src/responses/project-role-response-schemas.js';
import type { Json } from './helpers.js';

/**
 * Every answer carries exactly the keys of the Infisical zod response schema its route mirrors
 * (those the sandbox has values for): a key the sandbox holds or a view adds, but Infisical's
 * schema lacks, is stripped by the route's response schema, as zod strips it.
 */

const SANITIZED_PROJECT_KEYS = [
  'auditLogsRetentionDays',
  'autoCapitalization',
  'createdAt',
  'defaultProduct',
  'description',
  'hasDeleteProtection',
  'id',
  'kmsCertificateKeyId',
  'name',
  'orgId',
  'pitVersionLimit',
  'secretDetectionIgnoreValues',
  'secretSharing',
  'showSnapshotsLegacy',
  'slug',
  'type',
  'updatedAt',
  'upgradeStatus',
  'version',
];
const PROJECT_WITH_ENV_KEYS = [...SANITIZED_PROJECT_KEYS, '_id', 'environments'];
const ENVIRONMENT_KEYS = ['createdAt', 'id', 'name', 'position', 'projectId', 'slug', 'updatedAt'];
const TAG_KEYS = [
  'color',
  'createdAt',
  'createdBy',
  'createdByActorType',
  'id',
  'projectId',
  'slug',
  'updatedAt',
];
const SECRET_IMPORT_KEYS = [
  'createdAt',
  'folderId',
  'id',
  'importEnv',
  'importPath',
  'isReplication',
  'isReplicationSuccess',
  'isReserved',
  'lastReplicated',
  'position',
  'replicationStatus',
  'updatedAt',
  'version',
];
const LISTED_ROLE_KEYS = [
  'customRoleId',
  'customRoleName',
  'customRoleSlug',
  'id',
  'isTemporary',
  'role',
  'temporaryAccessEndTime',
  'temporaryAccessStartTime',
  'temporaryMode',
  'temporaryRange',
];
const CHANGED_ROLE_KEYS = [
  'createdAt',
  'customRoleId',
  'id',
  'isTemporary',
  'projectMembershipId',
  'role',
  'temporaryAccessEndTime',
  'temporaryAccessStartTime',
  'temporaryMode',
  'temporaryRange',
  'updatedAt',
];
const KMS_KEY_KEYS = [
  'createdAt',
  'description',
  'encryptionAlgorithm',
  'id',
  'isDisabled',
  'keyUsage',
  'name',
  'orgId',
  'projectId',
  'updatedAt',
  'version',
];
const DYNAMIC_SECRET_KEYS = [
  'createdAt',
  'defaultTTL',
  'folderId',
  'gatewayId',
  'id',
  'maxTTL',
  'metadata',
  'name',
  'status',
  'statusDetails',
  'type',
  'updatedAt',
  'usernameTemplate',
  'version',
];
const GRANT_KEYS = ['accessToken', 'accessTokenMaxTTL', 'expiresIn', 'tokenType'];
const LISTED_PROJECT_ROLE_KEYS = [
  'createdAt',
  'description',
  'id',
  'name',
  'projectId',
  'slug',
  'updatedAt',
];
const PROJECT_ROLE_KEYS = [...LISTED_PROJECT_ROLE_KEYS, 'permissions'].sort();
const LEASE_KEYS = [
  'config',
  'createdAt',
  'dynamicSecretId',
  'expireAt',
  'externalEntityId',
  'id',
  'status',
  'statusDetails',
  'updatedAt',
  'version',
];

function keysOf(value: Json): string[] {
  return Object.keys(value).sort();
}

/** A sandbox served through `inject()`, and a caller logged in as the demo identity. */
async function injectedSandbox(options: { bench?: boolean } = {}) {
  const sandbox = buildSandboxApp(options);
  onTestFinished(() => sandbox.app.close());
  const token = await login(sandbox.app, sandbox.demo.clientId, sandbox.demo.clientSecret);
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) => {
    const response = await sandbox.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body }),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Json;
  };
  return { ...sandbox, projectId: sandbox.demo.projectId, call };
}

async function login(app: FastifyInstance, clientId: string, clientSecret: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/universal-auth/login',
    payload: { clientId, clientSecret },
  });
  return response.json().accessToken as string;
}

describe('response schemas', () => {
  it('projects: projectWithEnv on list, get and create; SanitizedProjectSchema on update and delete', async () => {
    const { call, projectId } = await injectedSandbox({ bench: true });
    const [listed] = (await call('GET', '/api/v1/projects')).projects;
    expect(keysOf(listed)).toEqual(PROJECT_WITH_ENV_KEYS.sort());
    expect(keysOf(listed.environments[0])).toEqual(['id', 'name', 'slug']);
    const read = (await call('GET', `/api/v1/projects/${projectId}`)).project;
    expect(keysOf(read)).toEqual(PROJECT_WITH_ENV_KEYS.sort());
    const created = await call('POST', '/api/v1/projects', { projectName: 'Second' });
    expect(keysOf(created)).toEqual(['project']);
    expect(keysOf(created.project)).toEqual(PROJECT_WITH_ENV_KEYS.sort());
    const updated = await call('PATCH', `/api/v1/projects/${projectId}`, {
      autoCapitalization: true,
    });
    expect(keysOf(updated.project)).toEqual(SANITIZED_PROJECT_KEYS.sort());
    expect(updated.project.autoCapitalization).toBe(true);
    const deleted = await call('DELETE', `/api/v1/projects/${created.project.id}`);
    expect(keysOf(deleted.project)).toEqual(SANITIZED_PROJECT_KEYS.sort());

    const [workspace] = (await call('GET', '/api/v1/workspace')).workspaces;
    expect(keysOf(workspace)).toEqual(PROJECT_WITH_ENV_KEYS.sort());
    const single = await call('GET', `/api/v1/workspace/${projectId}`);
    expect(keysOf(single.workspace)).toEqual(PROJECT_WITH_ENV_KEYS.sort());
  });

  it('environments: ProjectEnvironmentsSchema, whatever else the stored environment holds', async () => {
    const { call, projectId, state } = await injectedSandbox({ bench: true });
    const route = `/api/v1/projects/${projectId}/environments`;
    const created = await call('POST', route, { name: 'QA', slug: 'qa' });
    expect(keysOf(created)).toEqual(['environment', 'message', 'projectId']);
    expect(keysOf(created.environment)).toEqual(ENVIRONMENT_KEYS);

    // The stored environment keeps its folders and anything else; none of it is answered.
    const stored = state.findEnvironmentById(created.environment.id) as unknown as Json;
    stored.internalNote = 'not for clients';
    const updated = await call('PATCH', `${route}/${created.environment.id}`, { name: 'Q.A.' });
    expect(keysOf(updated.environment)).toEqual(ENVIRONMENT_KEYS);
    const deleted = await call('DELETE', `${route}/${created.environment.id}`);
    expect(keysOf(deleted.environment)).toEqual(ENVIRONMENT_KEYS);

    const deprecated = await call('POST', `/api/v1/workspace/${projectId}/environments`, {
      name: 'UAT',
      slug: 'uat',
    });
    expect(keysOf(deprecated)).toEqual(['environment', 'message', 'workspace']);
    expect(keysOf(deprecated.environment)).toEqual(ENVIRONMENT_KEYS);
  });

  it('tags: SecretTagsSchema, without the name secrets list their tags by', async () => {
    const { call, projectId } = await injectedSandbox();
    const route = `/api/v1/projects/${projectId}/tags`;
    const created = await call('POST', route, { slug: 'backend', color: '#123456' });
    expect(keysOf(created.tag)).toEqual(TAG_KEYS);
    const [listed] = (await call('GET', route)).tags;
    expect(keysOf(listed)).toEqual(TAG_KEYS);
    const deleted = await call('DELETE', `${route}/${created.tag.id}`);
    expect(keysOf(deleted.tag)).toEqual(TAG_KEYS);
  });

  it('secret imports: SecretImportsSchema with importEnv expanded', async () => {
    const { call, projectId } = await injectedSandbox();
    const scope = { projectId, environment: 'staging', path: '/' };
    const created = await call('POST', '/api/v2/secret-imports', {
      ...scope,
      import: { environment: 'dev', path: '/' },
    });
    expect(keysOf(created)).toEqual(['message', 'secretImport']);
    expect(keysOf(created.secretImport)).toEqual(SECRET_IMPORT_KEYS);
    expect(keysOf(created.secretImport.importEnv)).toEqual(['id', 'name', 'slug']);
    const query = new URLSearchParams(scope).toString();
    const [listed] = (await call('GET', `/api/v2/secret-imports?${query}`)).secretImports;
    expect(keysOf(listed)).toEqual(SECRET_IMPORT_KEYS);
    const deleted = await call(
      'DELETE',
      `/api/v2/secret-imports/${created.secretImport.id}`,
      scope,
    );
    expect(keysOf(deleted.secretImport)).toEqual(SECRET_IMPORT_KEYS);
  });

  it('user memberships: rows, a listing without updatedAt, and changed roles', async () => {
    const { call, projectId } = await injectedSandbox({ bench: true });
    const route = `/api/v1/projects/${projectId}/memberships`;
    const ROW_KEYS = ['createdAt', 'id', 'projectId', 'updatedAt', 'userId'];
    const [invited] = (await call('POST', route, { emails: ['ada@example.com'] })).memberships;
    expect(keysOf(invited)).toEqual(ROW_KEYS);
    const [viaSdk] = (
      await call('POST', `/api/v2/workspace/${projectId}/memberships`, {
        emails: ['bob@example.com'],
      })
    ).memberships;
    expect(keysOf(viaSdk)).toEqual(ROW_KEYS);

    const [listed] = (await call('GET', route)).memberships;
    expect(keysOf(listed)).toEqual(['createdAt', 'id', 'projectId', 'roles', 'user', 'userId']);
    expect(keysOf(listed.user)).toEqual([
      'email',
      'firstName',
      'id',
      'lastName',
      'publicKey',
      'username',
    ]);
    expect(keysOf(listed.roles[0])).toEqual(LISTED_ROLE_KEYS);

    const changed = await call('PATCH', `${route}/${listed.id}`, {
      roles: [{ role: 'viewer', isTemporary: false }],
    });
    expect(keysOf(changed)).toEqual(['roles']);
    expect(keysOf(changed.roles[0])).toEqual(CHANGED_ROLE_KEYS);
    const removed = await call('DELETE', `${route}/${listed.id}`);
    expect(keysOf(removed.membership)).toEqual(ROW_KEYS);
  });

  it('identity memberships: current and deprecated routes, each with its own schema', async () => {
    const { call, projectId, state } = await injectedSandbox();
    const robot = state.createIdentity({ name: 'Robot', projectIds: [projectId] });
    const ENTRY_KEYS = ['createdAt', 'id', 'identity', 'identityId', 'roles', 'updatedAt'];
    const ROW_KEYS = ['createdAt', 'id', 'identityId', 'projectId', 'updatedAt'];

    const current = `/api/v1/projects/${projectId}/memberships/identities`;
    const listed = await call('GET', current);
    expect(keysOf(listed)).toEqual(['identityMemberships', 'totalCount']);
    const [entry] = listed.identityMemberships;
    expect(keysOf(entry)).toEqual(ENTRY_KEYS);
    expect(keysOf(entry.identity)).toEqual(['id', 'name', 'orgId', 'projectId']);
    expect(keysOf(entry.roles[0])).toEqual(LISTED_ROLE_KEYS);
    const changed = await call('PATCH', `${current}/${robot.id}`, {
      roles: [{ role: 'viewer', isTemporary: false }],
    });
    expect(keysOf(changed.identityMembership)).toEqual(ROW_KEYS);

    const deprecated = `/api/v1/projects/${projectId}/identity-memberships`;
    const [old] = (await call('GET', deprecated)).identityMemberships;
    expect(keysOf(old)).toEqual([...ENTRY_KEYS, 'project'].sort());
    expect(keysOf(old.identity)).toEqual(['authMethods', 'id', 'name', 'orgId', 'projectId']);
    expect(keysOf(old.project)).toEqual(['id', 'name']);
    const changedRoles = await call('PATCH', `${deprecated}/${robot.id}`, {
      roles: [{ role: 'member', isTemporary: false }],
    });
    expect(keysOf(changedRoles.roles[0])).toEqual(CHANGED_ROLE_KEYS);
    const removed = await call('DELETE', `${deprecated}/${robot.id}`);
    expect(keysOf(removed.identityMembership)).toEqual(ROW_KEYS);
  });

  it('custom roles: role "custom" named by customRole* in listings; a change answers no slug', async () => {
    const { call, projectId, state } = await injectedSandbox();
    const project = state.requireProject(projectId);
    const auditor = state.createProjectRole(project, {
      slug: 'auditor',
      name: 'Auditor',
      permissions: [{ subject: 'secrets', action: ['describeSecret'] }],
    });
    const robot = state.createIdentity({ projectIds: [projectId], roles: ['auditor'] });
    const listed = await call('GET', `/api/v1/projects/${projectId}/memberships/identities`);
    const entry = listed.identityMemberships.find(
      (membership: Json) => membership.identityId === robot.id,
    );
    expect(entry.roles).toEqual([
      expect.objectContaining({
        role: 'custom',
        customRoleId: auditor.id,
        customRoleName: 'Auditor',
        customRoleSlug: 'auditor',
      }),
    ]);

    const route = `/api/v1/projects/${projectId}/memberships`;
    await call('POST', route, { emails: ['ada@example.com'] });
    const [member] = (await call('GET', route)).memberships;
    const changed = await call('PATCH', `${route}/${member.id}`, {
      roles: [{ role: 'auditor', isTemporary: false }],
    });
    expect(changed.roles).toEqual([
      expect.objectContaining({ role: 'custom', customRoleId: auditor.id }),
    ]);
    expect(changed.roles[0]).not.toHaveProperty('customRoleSlug');
    expect(project.members.find((candidate) => candidate.id === member.id)?.roles).toEqual([
      'auditor',
    ]);
  });

  it('folders, snapshots and moves: create and rename answer the folder with its path', async () => {
    const { call, projectId, state } = await injectedSandbox();
    const FOLDER_KEYS = [
      'createdAt',
      'description',
      'envId',
      'id',
      'isReserved',
      'lastSecretModified',
      'name',
      'parentId',
      'updatedAt',
      'version',
    ];
    const scope = { projectId, environment: 'dev', path: '/' };
    const created = await call('POST', '/api/v2/folders', { ...scope, name: 'api' });
    expect(keysOf(created.folder)).toEqual([...FOLDER_KEYS, 'path'].sort());
    // The stored folder holds its secrets and imports; the answer does not.
    const renamed = await call('PATCH', `/api/v2/folders/${created.folder.id}`, {
      ...scope,
      name: 'web',
    });
    expect(keysOf(renamed.folder)).toEqual([...FOLDER_KEYS, 'path'].sort());
    expect(renamed.folder.path).toBe('/web');

    const query = `environment=dev&path=/`;
    const route = `/api/v1/projects/${projectId}/secret-snapshots`;
    const [snapshot] = (await call('GET', `${route}?${query}`)).secretSnapshots;
    expect(keysOf(snapshot)).toEqual([
      'createdAt',
      'envId',
      'folderId',
      'id',
      'parentFolderId',
      'updatedAt',
    ]);
    expect(await call('GET', `${route}/count?${query}`)).toEqual({ count: expect.any(Number) });

    const secret = state
      .findFolder(state.requireProject(projectId), 'dev', '/')
      ?.secrets.get('API_KEY');
    const moved = await call('POST', '/api/v4/secrets/move', {
      projectId,
      sourceEnvironment: 'dev',
      sourceSecretPath: '/',
      destinationEnvironment: 'staging',
      destinationSecretPath: '/',
      secretIds: [secret?.id],
    });
    expect(moved).toEqual({ isSourceUpdated: true, isDestinationUpdated: true });
  });

  it('kms: CmekSchema, never the key material the store holds', async () => {
    const { call, projectId } = await injectedSandbox();
    const listed = await call('GET', `/api/v1/kms/keys?projectId=${projectId}`);
    expect(keysOf(listed)).toEqual(['keys', 'totalCount']);
    expect(keysOf(listed.keys[0])).toEqual(KMS_KEY_KEYS);
    const keyId = listed.keys[0].id;
    const encrypted = await call('POST', `/api/v1/kms/keys/${keyId}/encrypt`, {
      plaintext: 'aGk=',
    });
    expect(keysOf(encrypted)).toEqual(['ciphertext']);
    const decrypted = await call('POST', `/api/v1/kms/keys/${keyId}/decrypt`, encrypted);
    expect(decrypted).toEqual({ plaintext: 'aGk=' });
  });

  it('dynamic secrets: SanitizedDynamicSecretSchema, inputs only on get, leases without credentials', async () => {
    const { call, demo } = await injectedSandbox();
    const scope = { projectSlug: demo.projectSlug, environmentSlug: 'dev', path: '/' };
    const query = new URLSearchParams(scope).toString();
    const [listed] = (await call('GET', `/api/v1/dynamic-secrets?${query}`)).dynamicSecrets;
    expect(keysOf(listed)).toEqual(DYNAMIC_SECRET_KEYS);
    const read = await call('GET', `/api/v1/dynamic-secrets/${listed.name}?${query}`);
    expect(keysOf(read.dynamicSecret)).toEqual([...DYNAMIC_SECRET_KEYS, 'inputs'].sort());

    const created = await call('POST', '/api/v1/dynamic-secrets/leases', {
      ...scope,
      dynamicSecretName: listed.name,
    });
    expect(keysOf(created)).toEqual(['data', 'dynamicSecret', 'lease']);
    expect(keysOf(created.lease)).toEqual(LEASE_KEYS);
    expect(keysOf(created.dynamicSecret)).toEqual(DYNAMIC_SECRET_KEYS);
    const leaseRoute = `/api/v1/dynamic-secrets/leases/${created.lease.id}`;
    const [leased] = (await call('GET', `/api/v1/dynamic-secrets/${listed.name}/leases?${query}`))
      .leases;
    expect(keysOf(leased)).toEqual(LEASE_KEYS);
    const detail = await call('GET', `${leaseRoute}?${query}`);
    expect(keysOf(detail.lease)).toEqual([...LEASE_KEYS, 'dynamicSecret'].sort());
    expect(keysOf(detail.lease.dynamicSecret)).toEqual(DYNAMIC_SECRET_KEYS);
    const renewed = await call('POST', `${leaseRoute}/renew`, scope);
    expect(keysOf(renewed.lease)).toEqual(LEASE_KEYS);
    const revoked = await call('DELETE', leaseRoute, scope);
    expect(keysOf(revoked.lease)).toEqual(LEASE_KEYS);
  });

  it('secret sharing: SanitizedSecretSharingSchema and the link', async () => {
    const { call } = await injectedSandbox();
    const shared = await call('POST', '/api/v1/secret-sharing', { secretValue: 'once' });
    expect(keysOf(shared)).toEqual([
      'accessType',
      'authorizedEmails',
      'createdAt',
      'expiresAfterViews',
      'expiresAt',
      'id',
      'identityId',
      'lastViewedAt',
      'name',
      'orgId',
      'sharedSecretLink',
      'type',
      'updatedAt',
      'userId',
    ]);
  });

  it('auth: login and renew answer the grant, revoke a message', async () => {
    const { app, demo } = await injectedSandbox();
    const post = async (url: string, payload: object) => {
      const response = await app.inject({ method: 'POST', url, payload });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Json;
    };
    const credentials = { clientId: demo.clientId, clientSecret: demo.clientSecret };
    const granted = await post('/api/v1/auth/universal-auth/login', credentials);
    expect(keysOf(granted)).toEqual(GRANT_KEYS);
    expect(granted.tokenType).toBe('Bearer');
    const renewed = await post('/api/v1/auth/token/renew', { accessToken: granted.accessToken });
    expect(keysOf(renewed)).toEqual(GRANT_KEYS);
    const revoked = await post('/api/v1/auth/token/revoke', { accessToken: granted.accessToken });
    expect(revoked).toEqual({ message: 'Successfully revoked access token' });
  });

  it('deprecated POST /api/v1/folders: the folder with its path, as the v2 create', async () => {
    const { call, projectId } = await injectedSandbox({ bench: true });
    const created = await call('POST', '/api/v1/folders', {
      workspaceId: projectId,
      environment: 'dev',
      name: 'legacy',
    });
    expect(keysOf(created)).toEqual(['folder']);
    expect(keysOf(created.folder)).toEqual([
      'createdAt',
      'description',
      'envId',
      'id',
      'isReserved',
      'lastSecretModified',
      'name',
      'parentId',
      'path',
      'updatedAt',
      'version',
    ]);
    expect(created.folder.path).toBe('/legacy');
  });

  it('project roles: the list without permissions, every other route SanitizedRoleSchema', async () => {
    const { call, projectId } = await injectedSandbox();
    const route = `/api/v1/projects/${projectId}/roles`;
    const created = await call('POST', route, {
      slug: 'auditor',
      name: 'Auditor',
      permissions: [
        { subject: 'secrets', action: 'describeSecret', conditions: { environment: 'dev' } },
        { subject: 'secret-folders', action: ['create', 'delete'], inverted: true },
      ],
    });
    expect(keysOf(created)).toEqual(['role']);
    expect(keysOf(created.role)).toEqual(PROJECT_ROLE_KEYS);
    expect(created.role.permissions.map(keysOf)).toEqual([
      ['action', 'conditions', 'subject'],
      ['action', 'inverted', 'subject'],
    ]);
    // A single action comes back as a list, as Infisical's UnpackedPermissionSchema makes it.
    expect(created.role.permissions[0].action).toEqual(['describeSecret']);
    const listed = (await call('GET', route)).roles;
    for (const role of listed) expect(keysOf(role)).toEqual(LISTED_PROJECT_ROLE_KEYS);
    const bySlug = await call('GET', `${route}/slug/auditor`);
    expect(bySlug).toEqual(created);
    const builtIn = await call('GET', `${route}/slug/viewer`);
    expect(keysOf(builtIn.role)).toEqual(PROJECT_ROLE_KEYS);
    const updated = await call('PATCH', `${route}/${created.role.id}`, { name: 'Auditors' });
    expect(keysOf(updated.role)).toEqual(PROJECT_ROLE_KEYS);
    const deleted = await call('DELETE', `${route}/${created.role.id}`);
    expect(keysOf(deleted.role)).toEqual(PROJECT_ROLE_KEYS);
  });

  it('auth and role schemas strip a key Infisical lacks, in the answer and in each rule', async () => {
    // The views build exactly these keys, so the schemas are served here an answer that has more.
    const app = Fastify();
    onTestFinished(() => app.close());
    const grant = { accessToken: 't', expiresIn: 1, accessTokenMaxTTL: 2, tokenType: 'Bearer' };
    app.get('/grant', { schema: { response: ACCESS_TOKEN_RESPONSE } }, async () => ({
      ...grant,
      identityId: 'leaked',
    }));
    const role = {
      id: 'r',
      name: 'R',
      description: null,
      slug: 'r',
      createdAt: new Date(0),
      updatedAt: new Date(0),
      projectId: 'p',
      version: 3,
      permissions: [{ subject: 'tags', action: ['read'], packed: 'leaked' }],
    };
    app.get('/role', { schema: { response: PROJECT_ROLE_RESPONSE } }, async () => ({ role }));
    expect((await app.inject({ url: '/grant' })).json()).toEqual(grant);
    const answered = (await app.inject({ url: '/role' })).json();
    expect(keysOf(answered.role)).toEqual(PROJECT_ROLE_KEYS);
    expect(answered.role.permissions).toEqual([{ subject: 'tags', action: ['read'] }]);
  });
});
