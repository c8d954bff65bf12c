import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient, type SandboxProject } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

/**
 * The agent-safety findings, replayed over stdio against the built binary as a
 * prompt-injected agent would: only tool arguments are under its control. Each case checks
 * that the sandbox is unchanged and that its request log holds nothing but the tool's own
 * route (or, where the call is refused outright, nothing at all).
 */

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let credentials: Record<string, string>;
let projectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  credentials = sandboxCredentials(sandbox);
});

afterAll(async () => {
  await sandbox?.close();
});

const environmentOf = (project: SandboxProject, slug: string) => {
  const environment = project.environments.find((each) => each.slug === slug);
  if (!environment) throw new Error(`no environment ${slug}`);
  return environment;
};

/** Routes the sandbox saw since the last reset, logins left out. */
async function routesSeen(): Promise<string[]> {
  const { requests } = await admin.stats();
  return Object.keys(requests).filter((route) => !route.startsWith('POST /api/v1/auth/'));
}

/** Runs one call and checks that the whole sandbox state is as it was. */
async function unchangedBy(server: SpawnedServer, tool: string, args: Record<string, unknown>) {
  const before = await admin.state();
  await admin.resetStats();
  const result = await server.call(tool, args);
  expect(await admin.state(), `${tool} ${JSON.stringify(args)}`).toEqual(before);
  return { result, routes: await routesSeen() };
}

describe('finding 1: a dot-segment id cannot reach another route', () => {
  let server: SpawnedServer;

  beforeAll(async () => {
    server = await spawnStdioServer(credentials, ['--exclude-tools', 'delete-project']);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['delete-tag', 'tagId', {}],
    ['delete-environment', 'environmentId', {}],
    ['remove-project-member', 'membershipId', {}],
    ['remove-project-member', 'identityId', {}],
    ['update-environment', 'environmentId', { name: 'Renamed by an agent' }],
  ])(
    '%s with %s ".." is refused naming the argument, and sends nothing',
    async (tool, argument, extra) => {
      for (const hostile of ['..', '.', '%2e%2e', 'x/..', '..\\..']) {
        const { result, routes } = await unchangedBy(server, tool, {
          projectId,
          [argument]: hostile,
          ...extra,
        });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain(`${argument} must be an ID as Infisical issues them`);
        expect(routes).toEqual([]);
      }
      expect((await admin.project(projectId)).environments).toHaveLength(3);
    },
  );
});

describe('findings 2 and 3: protected environments by padded slug, by ID and by rename', () => {
  let server: SpawnedServer;
  let wildcard: SpawnedServer;
  let auditFile: string;
  let prodId: string;
  let devId: string;

  beforeAll(async () => {
    auditFile = join(mkdtempSync(join(tmpdir(), 'mcp-hostile-audit-')), 'audit.jsonl');
    const project = await admin.project(projectId);
    prodId = environmentOf(project, 'prod').id;
    devId = environmentOf(project, 'dev').id;
    server = await spawnStdioServer(credentials, [
      '--protect-env',
      'prod',
      '--audit-log',
      auditFile,
    ]);
    wildcard = await spawnStdioServer(credentials, ['--protect-env', 'prod*']);
  });
  afterAll(async () => {
    await server?.close();
    await wildcard?.close();
  });

  const lastAudit = () =>
    JSON.parse(readFileSync(auditFile, 'utf8').trim().split('\n').at(-1) ?? '{}');

  const PADDED = [
    'prod ',
    ' prod',
    '\tprod',
    '\u00a0prod',
    'prod\u200b',
    'PROD',
    '\uff50\uff52\uff4f\uff44',
  ];

  it.each(PADDED)(
    'a write to %j is refused before anything is sent, dry run or not',
    async (slug) => {
      for (const target of [server, wildcard]) {
        for (const dryRun of [false, true]) {
          const single = await unchangedBy(target, 'create-secret', {
            projectId,
            environmentSlug: slug,
            secretName: 'AGENT_WAS_HERE',
            secretValue: 'v',
            dryRun,
          });
          expect(single.result.isError).toBe(true);
          expect(textOf(single.result)).toContain('environmentSlug must be a slug');
          expect(single.routes).toEqual([]);
          const batch = await unchangedBy(target, 'create-secrets', {
            projectId,
            environmentSlug: slug,
            secrets: [{ secretName: 'AGENT_WAS_HERE', secretValue: 'v' }],
            dryRun,
          });
          expect(batch.result.isError).toBe(true);
          expect(batch.routes).toEqual([]);
        }
      }
    },
  );

  it('renaming prod by its ID is refused, naming prod in the refusal, the dry run and the audit', async () => {
    const rename = { projectId, environmentId: prodId, slug: 'not-prod' };
    for (const dryRun of [false, true]) {
      const { result, routes } = await unchangedBy(server, 'update-environment', {
        ...rename,
        dryRun,
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Environment "prod" is protected/);
      // The one read that resolves the ID to its current slug, and nothing else.
      expect(routes).toEqual(['GET /api/v1/projects/:projectId']);
      expect(lastAudit()).toMatchObject({
        tool: 'update-environment',
        environment: 'prod',
        newEnvironment: 'not-prod',
        outcome: 'refused',
      });
    }
    // Nothing was renamed, so a write to the slug the agent wanted finds no environment.
    const after = await unchangedBy(server, 'create-secret', {
      projectId,
      environmentSlug: 'not-prod',
      secretName: 'AGENT_WAS_HERE',
    });
    expect(after.result.isError).toBe(true);
    expect(after.routes).toEqual(['POST /api/v4/secrets/:secretName']);
  });

  it('renaming another environment to prod, or deleting prod by ID, is refused', async () => {
    const toProd = await unchangedBy(server, 'update-environment', {
      projectId,
      environmentId: devId,
      slug: 'prod',
    });
    expect(textOf(toProd.result)).toMatch(/Environment "prod" is protected/);
    const deleted = await unchangedBy(server, 'delete-environment', {
      projectId,
      environmentId: prodId,
    });
    expect(textOf(deleted.result)).toMatch(/Environment "prod" is protected/);
    expect(deleted.routes).toEqual(['GET /api/v1/projects/:projectId']);
    expect(lastAudit()).toMatchObject({ environment: 'prod', outcome: 'refused' });
  });

  it('changing the display name of an unprotected environment touches that environment only', async () => {
    await admin.resetStats();
    const renamed = await server.call('update-environment', {
      projectId,
      environmentId: devId,
      name: 'Development (renamed)',
    });
    expect(renamed.isError).toBeFalsy();
    expect(environmentOf(await admin.project(projectId), 'dev').name).toBe('Development (renamed)');
    expect((await routesSeen()).sort()).toEqual([
      'GET /api/v1/projects/:projectId',
      'PATCH /api/v1/projects/:projectId/environments/:id',
    ]);
    expect(lastAudit()).toMatchObject({ environment: 'dev', outcome: 'ok' });
  });
});
