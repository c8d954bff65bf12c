import { allTools, hintsWithDefaults } from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

/** Well formed, and issued to nothing. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let server: SpawnedServer;
let projectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  server = await spawnStdioServer(sandboxCredentials(sandbox));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

describe('tools/list', () => {
  it('advertises every tool, the official ten included, with full schemas and annotations', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'create-secret',
      'delete-secret',
      'update-secret',
      'list-secrets',
      'get-secret',
      'create-secrets',
      'update-secrets',
      'delete-secrets',
      'compare-environments',
      'search-secrets',
      'create-project',
      'list-projects',
      'get-project',
      'update-project',
      'delete-project',
      'create-environment',
      'list-environments',
      'update-environment',
      'delete-environment',
      'create-folder',
      'list-folders',
      'update-folder',
      'delete-folder',
      'invite-members-to-project',
      'list-project-members',
      'list-project-identities',
      'update-project-membership',
      'remove-project-member',
      'list-tags',
      'create-tag',
      'delete-tag',
      'list-secret-imports',
      'create-secret-import',
      'delete-secret-import',
      'list-snapshots',
      'get-snapshot',
      'list-dynamic-secrets',
      'get-dynamic-secret',
      'create-dynamic-secret-lease',
      'renew-dynamic-secret-lease',
      'revoke-dynamic-secret-lease',
      'list-kms-keys',
      'kms-encrypt',
      'kms-decrypt',
      'create-shared-secret',
    ]);
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      // Hints equal to MCP's defaults are left out; read with the defaults, they are the tool's.
      expect(hintsWithDefaults(tool.annotations), tool.name).toEqual(
        allTools.find((defined) => defined.name === tool.name)?.annotations,
      );
      expect(tool.annotations, tool.name).not.toHaveProperty('title');
      for (const [name, property] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect(
          (property as { description?: string }).description,
          `${tool.name}.${name}`,
        ).toBeTruthy();
      }
    }
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName['create-secret']?.inputSchema.required).toEqual([
      'projectId',
      'environmentSlug',
      'secretName',
    ]);
    expect(byName['list-projects']?.inputSchema.properties?.type).toMatchObject({
      enum: ['secret-manager', 'cert-manager', 'kms', 'secret-scanning', 'pam', 'all'],
      default: 'all',
    });
    expect(byName['invite-members-to-project']?.inputSchema.properties?.emails).toMatchObject({
      type: 'array',
      items: { type: 'string' },
    });
    expect(byName['list-secrets']?.annotations?.readOnlyHint).toBe(true);
    expect(hintsWithDefaults(byName['delete-secret']?.annotations).destructiveHint).toBe(true);
  });
});

describe('secret tools against the sandbox', () => {
  it('create-secret stores the secret', async () => {
    const result = await server.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_CREATED',
      secretValue: 'first-value',
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      secret: { secretKey: 'E2E_CREATED', secretValue: 'first-value', secretPath: '/', version: 1 },
    });
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    const stored = (await admin.secrets(projectId, 'dev')).find((s) => s.key === 'E2E_CREATED');
    expect(stored).toMatchObject({ path: '/', value: 'first-value', version: 1 });
  });

  it('get-secret reads it back, with references expanded', async () => {
    await server.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_REF',
      secretValue: 'ref:${E2E_CREATED}',
    });
    const expanded = await server.call('get-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_REF',
    });
    expect(expanded.structuredContent).toMatchObject({
      secret: { secretKey: 'E2E_REF', secretValue: 'ref:first-value' },
    });
    const raw = await server.call('get-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_REF',
      expandSecretReferences: false,
    });
    expect(raw.structuredContent).toMatchObject({ secret: { secretValue: 'ref:${E2E_CREATED}' } });
  });

  it('list-secrets lists the folder', async () => {
    const result = await server.call('list-secrets', { projectId, environmentSlug: 'dev' });
    expect(result.isError).toBeFalsy();
    const content = result.structuredContent as { secrets: { secretKey: string }[]; imports: [] };
    const stored = await admin.secrets(projectId, 'dev');
    expect(content.secrets.map((s) => s.secretKey).sort()).toEqual(
      stored
        .filter((s) => s.path === '/')
        .map((s) => s.key)
        .sort(),
    );
    expect(Array.isArray(content.imports)).toBe(true);
  });

  it('update-secret changes only what it is given', async () => {
    const valueOnly = await server.call('update-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_CREATED',
      secretValue: 'second-value',
    });
    expect(valueOnly.structuredContent).toMatchObject({
      secret: { secretKey: 'E2E_CREATED', secretValue: 'second-value', version: 2 },
    });
    const renameOnly = await server.call('update-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_CREATED',
      newSecretName: 'E2E_RENAMED',
    });
    expect(renameOnly.isError).toBeFalsy();
    const stored = await admin.secrets(projectId, 'dev');
    expect(stored.find((s) => s.key === 'E2E_CREATED')).toBeUndefined();
    expect(stored.find((s) => s.key === 'E2E_RENAMED')).toMatchObject({ value: 'second-value' });

    const nothing = await server.call('update-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_RENAMED',
    });
    expect(nothing.isError).toBe(true);
    expect(textOf(nothing)).toMatch(/Nothing to update/);
  });

  it('delete-secret removes it', async () => {
    const result = await server.call('delete-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'E2E_RENAMED',
    });
    expect(result.structuredContent).toEqual({
      deleted: { secretKey: 'E2E_RENAMED', secretPath: '/', environment: 'dev', version: 3 },
    });
    expect(textOf(result)).not.toContain('second-value');
    const stored = await admin.secrets(projectId, 'dev');
    expect(stored.find((s) => s.key === 'E2E_RENAMED')).toBeUndefined();
  });
});

describe('project, environment, folder and member tools against the sandbox', () => {
  it('list-projects shows the demo project and its environments', async () => {
    const result = await server.call('list-projects');
    const { projects } = result.structuredContent as {
      projects: { id: string; environments: { slug: string }[] }[];
    };
    const demo = projects.find((project) => project.id === projectId);
    expect(demo?.environments.map((env) => env.slug)).toEqual(['dev', 'staging', 'prod']);
  });

  it('create-project creates a project with default environments', async () => {
    const result = await server.call('create-project', {
      projectName: 'E2E Project',
      type: 'secret-manager',
      description: 'made by a test',
    });
    expect(result.isError).toBeFalsy();
    const { project } = result.structuredContent as { project: { id: string; name: string } };
    const stored = await admin.project(project.id);
    expect(stored).toMatchObject({ name: 'E2E Project', type: 'secret-manager' });
    expect(stored.environments.map((env) => env.slug)).toEqual(['dev', 'staging', 'prod']);
  });

  it('create-environment adds an environment, also under the seed README argument names', async () => {
    const result = await server.call('create-environment', { projectId, name: 'QA', slug: 'qa' });
    expect(result.structuredContent).toMatchObject({
      environment: { name: 'QA', slug: 'qa' },
      projectId,
    });
    const aliased = await server.call('create-environment', {
      projectId,
      environmentName: 'Preview',
      environmentSlug: 'preview',
    });
    expect(aliased.isError).toBeFalsy();
    const slugs = (await admin.project(projectId)).environments.map((env) => env.slug);
    expect(slugs).toEqual(expect.arrayContaining(['qa', 'preview']));
  });

  it('create-folder creates a folder, also under the seed README argument names', async () => {
    const result = await server.call('create-folder', {
      projectId,
      environment: 'dev',
      name: 'e2e',
    });
    expect(result.structuredContent).toMatchObject({ folder: { name: 'e2e', path: '/e2e' } });
    const nested = await server.call('create-folder', {
      projectId,
      environmentSlug: 'dev',
      secretPath: '/e2e',
      name: 'inner',
    });
    expect(nested.structuredContent).toMatchObject({ folder: { path: '/e2e/inner' } });
    const dev = (await admin.project(projectId)).environments.find((env) => env.slug === 'dev');
    expect(dev?.folders).toEqual(expect.arrayContaining(['/e2e', '/e2e/inner']));

    const inFolder = await server.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretPath: '/e2e/inner',
      secretName: 'NESTED',
      secretValue: 'deep',
    });
    expect(inFolder.structuredContent).toMatchObject({ secret: { secretPath: '/e2e/inner' } });
  });

  it('invite-members-to-project adds memberships', async () => {
    const before = (await admin.project(projectId)).members.length;
    const result = await server.call('invite-members-to-project', {
      projectId,
      emails: ['New.Person@Example.com'],
      roleSlugs: ['member'],
    });
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { memberships: unknown[] }).memberships).toHaveLength(1);
    expect((await admin.project(projectId)).members.length).toBe(before + 1);

    const nobody = await server.call('invite-members-to-project', { projectId });
    expect(nobody.isError).toBe(true);
    expect(textOf(nobody)).toMatch(/at least one email or username/);
  });
});

describe('read tools reflect the sandbox', () => {
  it('get-project and list-environments show the environments Infisical holds', async () => {
    const stored = await admin.project(projectId);
    const slugs = stored.environments.map((env) => env.slug);
    const project = await server.call('get-project', { projectId });
    expect(project.structuredContent).toMatchObject({
      project: { id: projectId, name: stored.name, slug: stored.slug },
    });
    const listed = await server.call('list-environments', { projectId });
    expect(
      (listed.structuredContent as { environments: { slug: string }[] }).environments.map(
        (env) => env.slug,
      ),
    ).toEqual(slugs);
    const unknown = await server.call('get-project', { projectId: UNKNOWN_ID });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/failed with 40[34]/);
  });

  it('list-folders lists direct children, or every folder with recursive', async () => {
    await server.call('create-folder', { projectId, environment: 'dev', name: 'reads' });
    await server.call('create-folder', {
      projectId,
      environment: 'dev',
      path: '/reads',
      name: 'deeper',
    });
    const dev = (await admin.project(projectId)).environments.find((env) => env.slug === 'dev');
    const paths = (result: { structuredContent?: unknown }) =>
      (result.structuredContent as { folders: { path: string }[] }).folders
        .map((folder) => folder.path)
        .sort();
    const direct = await server.call('list-folders', { projectId, environmentSlug: 'dev' });
    expect(paths(direct)).toContain('/reads');
    expect(paths(direct)).not.toContain('/reads/deeper');
    const everything = await server.call('list-folders', {
      projectId,
      environment: 'dev',
      recursive: true,
    });
    expect(paths(everything)).toEqual((dev?.folders ?? []).filter((path) => path !== '/').sort());
    const below = await server.call('list-folders', {
      projectId,
      environmentSlug: 'dev',
      path: '/reads',
    });
    expect(paths(below)).toEqual(['/reads/deeper']);

    const badEnvironment = await server.call('list-folders', {
      projectId,
      environmentSlug: 'nope',
    });
    expect(badEnvironment.isError).toBe(true);
    const badType = await server.call('list-folders', {
      projectId,
      environmentSlug: 'dev',
      recursive: 'yes',
    });
    expect(textOf(badType)).toContain('recursive expected boolean');
  });
});

describe('bad input is an isError result that changes nothing', () => {
  async function expectUnchanged(action: () => Promise<void>) {
    const before = await admin.state();
    await action();
    expect(await admin.state()).toEqual(before);
  }

  it('missing and mistyped arguments', async () => {
    await expectUnchanged(async () => {
      const missing = await server.call('create-secret', { projectId, environmentSlug: 'dev' });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toBe('Invalid arguments for create-secret: secretName is required.');
      const mistyped = await server.call('create-secret', {
        projectId,
        environmentSlug: 'dev',
        secretName: 'X',
        secretValue: 12,
      });
      expect(mistyped.isError).toBe(true);
      expect(textOf(mistyped)).toContain('secretValue expected string');
      const badEnum = await server.call('create-project', { projectName: 'x', type: 'vault' });
      expect(textOf(badEnum)).toContain('type must be one of: secret-manager');
    });
  });

  it('an unknown project, environment or secret', async () => {
    await expectUnchanged(async () => {
      const unknownProject = await server.call('list-secrets', {
        projectId: UNKNOWN_ID,
        environmentSlug: 'dev',
      });
      expect(unknownProject.isError).toBe(true);
      expect(textOf(unknownProject)).toMatch(/Infisical GET \/api\/v4\/secrets failed with 40[34]/);

      const unknownEnvironment = await server.call('create-secret', {
        projectId,
        environmentSlug: 'nope',
        secretName: 'X',
        secretValue: 'v',
      });
      expect(unknownEnvironment.isError).toBe(true);

      const missingSecret = await server.call('get-secret', {
        projectId,
        environmentSlug: 'dev',
        secretName: 'DOES_NOT_EXIST',
      });
      expect(missingSecret.isError).toBe(true);
      expect(textOf(missingSecret)).toMatch(/failed with 404/);
      expect(textOf(missingSecret)).toMatch(/Check the project ID/);
      expect(textOf(missingSecret)).toMatch(/Infisical request id req-/);

      const duplicate = await server.call('create-secret', {
        projectId,
        environmentSlug: 'dev',
        secretName: 'API_KEY',
        secretValue: 'overwrite?',
      });
      expect(duplicate.isError).toBe(true);
    });
  });

  it('Infisical 5xx and 429 answers', async () => {
    await expectUnchanged(async () => {
      // A read is retried twice after a 5xx before the call gives up.
      await admin.setFaults({ failNext: { status: 500, count: 3 } });
      const failed = await server.call('list-projects');
      expect(failed.isError).toBe(true);
      expect(textOf(failed)).toMatch(/failed with 500.*after 3 attempts/);

      await admin.setFaults({ failNext: { status: 429, count: 1, retryAfterSeconds: 7 } });
      const limited = await server.call('list-projects');
      expect(limited.isError).toBe(true);
      expect(textOf(limited)).toMatch(/retry after 7 seconds/);
      await admin.clearFaults();
    });
    const recovered = await server.call('list-projects');
    expect(recovered.isError).toBeFalsy();
  });

  it('unknown tools get a JSON-RPC error whose message carries one "MCP error" prefix', async () => {
    // The SDK client's McpError adds "MCP error -32602: " itself; the server must not add one too.
    await expect(server.call('no-such-tool')).rejects.toMatchObject({
      code: -32602,
      message:
        'MCP error -32602: Unknown tool: "no-such-tool". tools/list shows the available tools.',
    });
  });

  it('never wrote anything but protocol messages to stdout', () => {
    expect(server.protocolErrors).toEqual([]);
  });

  it('never logged a secret value or the client secret', () => {
    const logs = server.stderr();
    expect(logs).toContain('Infisical MCP server running on stdio');
    expect(logs).not.toContain(sandbox.demo.clientSecret);
    expect(logs).not.toContain('first-value');
    expect(logs).not.toContain('second-value');
  });
});
