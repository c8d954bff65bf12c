// Values Infisical's zod schemas refuse are refused by the tool first, naming the argument and
// the rule, with nothing sent; the sandbox answers the same values with Infisical's 422.
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let admin: SandboxAdminClient;
let server: SpawnedServer;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  server = await spawnStdioServer(sandboxCredentials(sandbox));
  const login = await fetch(`${sandbox.url}/api/v1/auth/universal-auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    }),
  });
  token = ((await login.json()) as { accessToken: string }).accessToken;
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

/** What the sandbox, speaking as Infisical, answers the same value sent directly. */
async function infisicalAnswer(method: string, path: string, body: unknown) {
  const response = await fetch(sandbox.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { message: unknown } };
}

async function refusedBeforeSending(tool: string, args: Record<string, unknown>) {
  await admin.resetStats();
  const result = await server.call(tool, args);
  expect(result.isError).toBe(true);
  const { requests } = await admin.stats();
  expect(Object.keys(requests).filter((route) => !route.startsWith('POST /api/v1/auth/'))).toEqual(
    [],
  );
  return textOf(result);
}

describe('input rules as strict as Infisical', () => {
  it('an environment slug with an underscore or upper case: the tool explains, Infisical 422s', async () => {
    const projectId = sandbox.demo.projectId;
    for (const slug of ['qa_env', 'QA', '-qa']) {
      const text = await refusedBeforeSending('create-environment', {
        projectId,
        name: 'QA',
        slug,
      });
      expect(text).toContain(
        'slug must be a slug: lowercase letters and digits joined by single hyphens',
      );
      const direct = await infisicalAnswer('POST', `/api/v1/projects/${projectId}/environments`, {
        name: 'QA',
        slug,
      });
      expect(direct.status).toBe(422);
    }
    const environment = sandbox.state
      .requireProject(projectId)
      .environments.find((candidate) => candidate.slug === 'dev');
    const renamed = await refusedBeforeSending('update-environment', {
      projectId,
      environmentId: environment?.id,
      slug: 'dev_2',
    });
    expect(renamed).toContain('slug must be a slug');
  });

  it('a project template name that is not a slug', async () => {
    const text = await refusedBeforeSending('create-project', {
      projectName: 'Templated',
      type: 'secret-manager',
      projectTemplate: 'My Template',
    });
    expect(text).toContain('projectTemplate must be a slug');
    const direct = await infisicalAnswer('POST', '/api/v1/projects', {
      projectName: 'Templated',
      template: 'My Template',
    });
    expect(direct.status).toBe(422);
    expect(JSON.stringify(direct.body.message)).toContain(
      'Template Name field can only contain lowercase letters, numbers, and hyphens',
    );
  });

  it('an invite email without a domain Infisical accepts', async () => {
    const projectId = sandbox.demo.projectId;
    for (const email of ['ada@localhost', 'ada..lovelace@example.com', 'not-an-email']) {
      const text = await refusedBeforeSending('invite-members-to-project', {
        projectId,
        emails: [email],
      });
      expect(text).toContain('must be an email address such as ada@example.com');
      const direct = await infisicalAnswer('POST', `/api/v1/projects/${projectId}/memberships`, {
        emails: [email],
      });
      expect(direct.status).toBe(422);
    }
    const accepted = await server.call('invite-members-to-project', {
      projectId,
      emails: ['Ada.Lovelace+infra@Example.com'],
    });
    expect(accepted.isError, textOf(accepted)).toBeFalsy();
  });
});
