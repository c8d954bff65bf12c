// An identity whose project role may not read or write some environments, end to end: the
// built stdio bin, the SDK client, and the sandbox answering as Infisical's permission checks do.
import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let server: SpawnedServer;
let projectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const { state } = sandbox;
  const project = state.createProject({ name: 'Role limits' });
  projectId = project.id;
  // Reads and writes dev; lists names in staging without reading values; nothing in prod.
  state.createProjectRole(project, {
    slug: 'dev-writer',
    permissions: [
      {
        subject: 'secrets',
        action: ['describeSecret', 'readValue', 'create', 'edit', 'delete'],
        conditions: { environment: 'dev' },
      },
      { subject: 'secrets', action: ['describeSecret'], conditions: { environment: 'staging' } },
      { subject: 'commits', action: ['read'] },
    ],
  });
  for (const [environment, value] of [
    ['dev', 'dev-value'],
    ['staging', 'staging-value'],
    ['prod', 'prod-value'],
  ] as const) {
    state.putSecret({ projectId, environment, key: 'SHARED', value });
  }
  const identity = state.createIdentity({ projectIds: [projectId], roles: ['dev-writer'] });
  server = await spawnStdioServer({
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: identity.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: identity.clientSecret,
  });
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

async function structured(name: string, args: Record<string, unknown>) {
  const result = await server.call(name, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  // biome-ignore lint/suspicious/noExplicitAny: asserted field by field.
  return result.structuredContent as any;
}

describe('a role that may not read or write an environment', () => {
  it('get-secret and create-secret report Infisical 403 and what the role lacks', async () => {
    const read = await server.call('get-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'SHARED',
    });
    expect(read.isError).toBe(true);
    expect(textOf(read)).toContain('403: You are not allowed to describeSecret on secrets');
    expect(textOf(read)).toContain('project role lacks permission for this');

    const write = await server.call('create-secret', {
      projectId,
      environmentSlug: 'prod',
      secretName: 'NEW_ONE',
      secretValue: 'v',
    });
    expect(write.isError).toBe(true);
    expect(textOf(write)).toContain('403: You are not allowed to create on secrets');
    const prod = sandbox.state.findFolder(sandbox.state.requireProject(projectId), 'prod', '/');
    expect(prod?.secrets.has('NEW_ONE')).toBe(false);

    const allowed = await structured('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'NEW_ONE',
      secretValue: 'v',
    });
    expect(allowed.secret.secretValue).toBe('v');
  });

  it('get-secret on a value the role may only describe says so', async () => {
    const result = await server.call('get-secret', {
      projectId,
      environmentSlug: 'staging',
      secretName: 'SHARED',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      "You do not have permission to view secret value on secret with name 'SHARED'",
    );
    expect(textOf(result)).toContain('includeValues: false');
  });

  it('list-secrets with values lists names where values are withheld, flagged valueHidden', async () => {
    const { secrets } = await structured('list-secrets', {
      projectId,
      environmentSlug: 'staging',
      includeValues: true,
    });
    expect(secrets).toEqual([expect.objectContaining({ secretKey: 'SHARED', valueHidden: true })]);
    expect(secrets[0].secretValue).toBeUndefined();
    const dev = await structured('list-secrets', {
      projectId,
      environmentSlug: 'dev',
      includeValues: true,
    });
    expect(dev.secrets[0]).toMatchObject({ secretKey: 'SHARED', secretValue: 'dev-value' });
    expect(dev.secrets[0].valueHidden).toBeUndefined();
  });

  it('compare-environments compares names where values are withheld and says which', async () => {
    const result = await structured('compare-environments', {
      projectId,
      environmentSlugs: ['dev', 'staging'],
      includeValues: true,
    });
    expect(result.valuesHiddenIn).toEqual(['staging']);
    const shared = result.keys.find((row: { secretKey: string }) => row.secretKey === 'SHARED');
    expect(shared).toMatchObject({
      presentIn: ['dev', 'staging'],
      values: 'unreadable',
      valuesByEnvironment: { dev: 'dev-value' },
    });
  });

  it('search-secrets finds names everywhere the role may list them, values only where it may read', async () => {
    const { matches } = await structured('search-secrets', {
      projectId,
      query: 'SHARED',
      environmentSlugs: ['dev', 'staging', 'prod'],
      includeValues: true,
    });
    expect(matches).toEqual([
      expect.objectContaining({ environment: 'dev', secretValue: 'dev-value' }),
      expect.objectContaining({ environment: 'staging', valueHidden: true }),
    ]);
    expect(JSON.stringify(matches)).not.toContain('staging-value');
    expect(JSON.stringify(matches)).not.toContain('prod-value');
  });

  it('get-snapshot withholds the values the role may not read', async () => {
    const folder = { projectId, environmentSlug: 'staging', secretPath: '/' };
    const [taken] = (await structured('list-snapshots', { ...folder, limit: 1 })).snapshots;
    const { snapshot } = await structured('get-snapshot', {
      snapshotId: taken.id,
      includeValues: true,
    });
    expect(snapshot.secrets).toEqual([{ secretKey: 'SHARED', version: 1, valueHidden: true }]);
    expect(JSON.stringify(snapshot)).not.toContain('staging-value');

    const refused = await server.call('list-snapshots', { ...folder, environmentSlug: 'prod' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('You are not allowed to describeSecret on secrets');
  });
});
