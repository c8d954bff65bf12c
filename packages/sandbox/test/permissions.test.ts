// Project roles: what Infisical's permission checks answer an identity whose role may not read
// or write an environment (secret-v2-bridge-service.ts, secret-snapshot-service.ts).
import { describe, expect, it } from 'vitest';
import type { PermissionRule } from '../src/index.js';
import { expectedError, SandboxClient, startTestSandbox } from './helpers.js';

const SECRETS = '/api/v4/secrets';

/** Reads and writes dev; in staging may list names but not read values; nothing in prod. */
const DEV_ONLY: PermissionRule[] = [
  {
    subject: 'secrets',
    action: ['describeSecret', 'readValue', 'create', 'edit', 'delete'],
    conditions: { environment: 'dev' },
  },
  { subject: 'secrets', action: ['describeSecret'], conditions: { environment: 'staging' } },
  { subject: 'commits', action: ['read'] },
];

async function sandboxWithRole(permissions: PermissionRule[], roles = ['dev-only']) {
  const test = await startTestSandbox();
  const { state } = test.sandbox;
  const project = state.requireProject(test.projectId);
  state.createProjectRole(project, { slug: 'dev-only', permissions });
  state.putSecret({ projectId: test.projectId, environment: 'staging', key: 'S', value: 'sv' });
  state.putSecret({ projectId: test.projectId, environment: 'prod', key: 'P', value: 'pv' });
  const identity = state.createIdentity({ projectIds: [test.projectId], roles });
  const limited = new SandboxClient(test.sandbox.url);
  await limited.login(identity.clientId, identity.clientSecret);
  return { ...test, limited };
}

describe('a role limited to some environments', () => {
  it('lists nothing in an environment it may not describe, and refuses a role with no secret rule', async () => {
    const { limited, projectId } = await sandboxWithRole(DEV_ONLY);
    const prod = await limited.get(SECRETS, { projectId, environment: 'prod' });
    expect(prod.status).toBe(200);
    expect(prod.body.secrets).toEqual([]);
    const dev = await limited.get(SECRETS, { projectId, environment: 'dev' });
    expect(dev.body.secrets.length).toBeGreaterThan(0);

    const none = await sandboxWithRole([], ['no-access']);
    const refused = await none.limited.get(SECRETS, {
      projectId: none.projectId,
      environment: 'dev',
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject(
      expectedError(403, 'PermissionDenied', 'You are not allowed to describeSecret on secrets'),
    );
  });

  it('refuses values it may only describe, and masks them with viewSecretValue=false', async () => {
    const { limited, projectId } = await sandboxWithRole(DEV_ONLY);
    const refused = await limited.get(SECRETS, { projectId, environment: 'staging' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      ...expectedError(403, 'PermissionDenied', 'You are not allowed to readValue on secrets'),
      details: [expect.objectContaining({ conditions: { environment: 'dev' } })],
    });
    const masked = await limited.get(SECRETS, {
      projectId,
      environment: 'staging',
      viewSecretValue: false,
    });
    expect(masked.body.secrets).toContainEqual(
      expect.objectContaining({ secretKey: 'S', secretValueHidden: true }),
    );
    for (const secret of masked.body.secrets) {
      expect(secret).toMatchObject({
        secretValue: '<hidden-by-infisical>',
        secretValueHidden: true,
      });
    }

    const one = await limited.get(`${SECRETS}/S`, { projectId, environment: 'staging' });
    expect(one.body).toEqual(
      expectedError(
        403,
        'ForbiddenReadSecretError',
        "You do not have permission to view secret value on secret with name 'S'",
      ),
    );
    const hidden = await limited.get(`${SECRETS}/S`, {
      projectId,
      environment: 'staging',
      viewSecretValue: false,
    });
    expect(hidden.body.secret).toMatchObject({ secretValue: '<hidden-by-infisical>' });
  });

  it('answers 403 naming the action for a read or a write it may not do', async () => {
    const { limited, projectId } = await sandboxWithRole(DEV_ONLY);
    const read = await limited.get(`${SECRETS}/P`, { projectId, environment: 'prod' });
    expect(read.status).toBe(403);
    expect(read.body).toMatchObject({
      error: 'PermissionDenied',
      message: 'You are not allowed to describeSecret on secrets',
      details: [
        { action: ['describeSecret', 'readValue', 'create', 'edit', 'delete'], subject: 'secrets' },
        { action: ['describeSecret'], subject: 'secrets' },
      ],
    });
    const write = { projectId, environment: 'prod', secretValue: 'x' };
    const created = await limited.post(`${SECRETS}/NEW`, write);
    expect(created.body).toMatchObject({
      statusCode: 403,
      error: 'PermissionDenied',
      message: 'You are not allowed to create on secrets',
    });
    const updated = await limited.patch(`${SECRETS}/P`, write);
    expect(updated.body.message).toBe('You are not allowed to edit on secrets');
    const deleted = await limited.delete(`${SECRETS}/P`, { projectId, environment: 'prod' });
    expect(deleted.body.message).toBe('You are not allowed to delete on secrets');
    const batch = await limited.post(`${SECRETS}/batch`, {
      projectId,
      environment: 'staging',
      secrets: [{ secretKey: 'B', secretValue: 'b' }],
    });
    expect(batch.body.message).toBe('You are not allowed to create on secrets');
    // Nothing was written, and the same calls in dev succeed.
    expect((await limited.post(`${SECRETS}/NEW`, { ...write, environment: 'dev' })).status).toBe(
      200,
    );
  });

  it('viewers read but do not write; no-access members are refused', async () => {
    const viewer = await sandboxWithRole([], ['viewer']);
    const { limited, projectId } = viewer;
    expect((await limited.get(SECRETS, { projectId, environment: 'prod' })).status).toBe(200);
    const write = await limited.post(`${SECRETS}/NEW`, {
      projectId,
      environment: 'dev',
      secretValue: 'x',
    });
    expect(write.body.message).toBe('You are not allowed to create on secrets');
  });

  it('masks snapshot values it may not read, and refuses snapshots of a folder it may not describe', async () => {
    const { sandbox, limited, projectId } = await sandboxWithRole(DEV_ONLY);
    const list = (environment: string) =>
      limited.get(`/api/v1/projects/${projectId}/secret-snapshots`, { environment, path: '/' });
    const refused = await list('prod');
    expect(refused.body.message).toBe('You are not allowed to describeSecret on secrets');
    const staging = await list('staging');
    expect(staging.status).toBe(200);
    const snapshotId = staging.body.secretSnapshots[0].id;
    const detail = await limited.get(`/api/v1/secret-snapshot/${snapshotId}`);
    const versions = detail.body.secretSnapshot.secretVersions;
    expect(versions.map((version: { secretKey: string }) => version.secretKey)).toContain('S');
    for (const version of versions) {
      expect(version).toMatchObject({
        secretValue: '<hidden-by-infisical>',
        secretValueHidden: true,
      });
    }
    // The admin of the project reads the same snapshot in clear.
    const admin = new SandboxClient(sandbox.url);
    await admin.login(sandbox.demo.clientId, sandbox.demo.clientSecret);
    const clear = await admin.get(`/api/v1/secret-snapshot/${snapshotId}`);
    expect(clear.body.secretSnapshot.secretVersions).toContainEqual(
      expect.objectContaining({ secretKey: 'S', secretValue: 'sv', secretValueHidden: false }),
    );
  });

  it('accepts a custom role slug in a membership update, and refuses an unknown one', async () => {
    const { client, projectId, limited } = await sandboxWithRole(DEV_ONLY, ['viewer']);
    const me = await limited.get(`/api/v1/projects/${projectId}/memberships/identities`);
    expect(me.status).toBe(200);
    const bot = me.body.identityMemberships.find(
      (membership: { roles: { role: string }[] }) => membership.roles[0]?.role === 'viewer',
    );
    const url = `/api/v1/projects/${projectId}/memberships/identities/${bot.identity.id}`;
    const changed = await client.patch(url, { roles: [{ role: 'dev-only' }] });
    expect(changed.status).toBe(200);
    const unknown = await client.patch(url, { roles: [{ role: 'nope' }] });
    expect(unknown.body.message).toBe('Role not found: nope');
    expect((await limited.get(SECRETS, { projectId, environment: 'prod' })).body.secrets).toEqual(
      [],
    );
  });
});
