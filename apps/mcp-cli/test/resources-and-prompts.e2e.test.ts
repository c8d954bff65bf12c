import { startSandbox } from '@infisical/mcp-sandbox';
import {
  findLeaks,
  Needles,
  recordIssuedTokens,
  SandboxAdminClient,
} from '@infisical/mcp-test-kit';
import {
  type GetPromptResult,
  GetPromptResultSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer } from './support/spawn-stdio-server.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const RESOURCE_NOT_FOUND = -32002;
const INVALID_PARAMS = -32602;
const FOLDERS_TEMPLATE =
  'infisical://projects/{projectId}/environments/{environmentSlug}/folders{/path*}';

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let server: SpawnedServer;
let projectId: string;
let strangersProjectId: string;
const needles = new Needles();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  recordIssuedTokens(sandbox, needles);
  // Secrets with unique values, deep in a folder tree the resources walk through.
  const dev = { projectId, environment: 'dev' };
  sandbox.state.putSecret({ ...dev, key: 'ROOT_CANARY', value: needles.value() });
  sandbox.state.putSecret({
    ...dev,
    secretPath: '/backend/api/v1',
    key: 'DEEP_CANARY',
    value: needles.value(),
  });
  sandbox.state.putSecret({
    projectId,
    environment: 'prod',
    key: 'PROD_CANARY',
    value: needles.value(),
  });
  // A project the server's identity is not a member of.
  strangersProjectId = sandbox.state.createProject({ name: 'Not Yours' }).id;
  server = await spawnStdioServer(sandboxCredentials(sandbox));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

const projectUri = (id: string) => `infisical://projects/${id}`;
const foldersUri = (environment: string, path = '') =>
  `${projectUri(projectId)}/environments/${environment}/folders${path}`;

async function readJson(uri: string) {
  const { contents } = await server.client.readResource({ uri });
  expect(contents).toHaveLength(1);
  expect(contents[0]).toMatchObject({ uri, mimeType: 'application/json' });
  return JSON.parse((contents[0] as { text: string }).text);
}

async function readError(uri: string): Promise<McpError> {
  const error = await server.client.readResource({ uri }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, uri).toBeInstanceOf(McpError);
  return error as McpError;
}

function promptText(result: GetPromptResult): string {
  const content = result.messages[0]?.content;
  if (content?.type !== 'text') throw new Error('expected one text message');
  return content.text;
}

async function sandboxFolders(environment: string): Promise<string[]> {
  const project = await admin.project(projectId);
  return project.environments.find((env) => env.slug === environment)?.folders ?? [];
}

describe('capabilities', () => {
  it('advertises resources, prompts and completions next to tools', () => {
    expect(server.client.getServerCapabilities()).toMatchObject({
      tools: {},
      resources: { subscribe: false, listChanged: false },
      prompts: { listChanged: false },
      completions: {},
    });
  });
});

describe('resources', () => {
  it('lists the projects, each project and the root folders of each environment', async () => {
    const { resources } = await server.client.listResources();
    const state = await admin.state();
    const reachable = state.projects.filter((project) => project.id !== strangersProjectId);
    const expected = [
      'infisical://projects',
      ...reachable.flatMap((project) => [
        projectUri(project.id),
        ...project.environments.map(
          (env) => `${projectUri(project.id)}/environments/${env.slug}/folders`,
        ),
      ]),
    ];
    expect(resources.map((resource) => resource.uri)).toEqual(expected);
    for (const resource of resources) {
      expect(resource.mimeType, resource.uri).toBe('application/json');
      expect(resource.name, resource.uri).toBeTruthy();
      expect(resource.title, resource.uri).toBeTruthy();
    }
    expect(resources.find((r) => r.uri === foldersUri('dev'))).toMatchObject({
      name: 'demo-project/dev',
      title: 'Demo Project / Development folders',
    });
  });

  it('lists the project and folder templates', async () => {
    const { resourceTemplates } = await server.client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({
        uriTemplate: 'infisical://projects/{projectId}',
        name: 'project',
        mimeType: 'application/json',
      }),
      expect.objectContaining({
        uriTemplate: FOLDERS_TEMPLATE,
        name: 'folders',
        mimeType: 'application/json',
      }),
    ]);
  });

  it('infisical://projects reads the projects the identity can reach, with links', async () => {
    const { projects } = await readJson('infisical://projects');
    expect(projects.map((project: { id: string }) => project.id)).toEqual([projectId]);
    expect(projects[0]).toMatchObject({
      name: 'Demo Project',
      slug: 'demo-project',
      uri: projectUri(projectId),
    });
  });

  it('a project reads with its environments as the sandbox holds them', async () => {
    const { project } = await readJson(projectUri(projectId));
    const stored = await admin.project(projectId);
    expect(project).toMatchObject({ id: projectId, name: stored.name, slug: stored.slug });
    expect(project.environments).toEqual(
      stored.environments.map((env) =>
        expect.objectContaining({
          slug: env.slug,
          name: env.name,
          foldersUri: foldersUri(env.slug),
        }),
      ),
    );
  });

  it('folders read level by level, matching the sandbox, with links down and up', async () => {
    const stored = await sandboxFolders('dev');
    expect(stored).toEqual(expect.arrayContaining(['/backend', '/backend/api', '/backend/api/v1']));

    const root = await readJson(foldersUri('dev'));
    expect(root).toMatchObject({ projectId, environmentSlug: 'dev', path: '/' });
    expect(root.parentUri).toBeUndefined();
    expect(root.folders).toEqual([
      expect.objectContaining({
        name: 'backend',
        path: '/backend',
        uri: foldersUri('dev', '/backend'),
      }),
    ]);

    const api = await readJson(foldersUri('dev', '/backend/api'));
    expect(api).toMatchObject({ path: '/backend/api', parentUri: foldersUri('dev', '/backend') });
    expect(api.folders).toEqual([
      expect.objectContaining({
        name: 'v1',
        path: '/backend/api/v1',
        uri: foldersUri('dev', '/backend/api/v1'),
      }),
    ]);
    expect((await readJson(foldersUri('dev', '/backend/api/v1'))).folders).toEqual([]);
    // A trailing slash names the same folder.
    expect((await readJson(`${foldersUri('dev', '/backend')}/`)).path).toBe('/backend');
  });

  it('shows a folder created through a tool on the next read (nothing is cached)', async () => {
    const created = await server.call('create-folder', {
      projectId,
      environment: 'staging',
      name: 'payments',
    });
    expect(created.isError).toBeFalsy();
    expect(await sandboxFolders('staging')).toContain('/payments');
    const { folders } = await readJson(foldersUri('staging'));
    expect(folders.map((folder: { path: string }) => folder.path)).toContain('/payments');
  });

  it('no resource carries a secret value, a secret key or a token', async () => {
    const texts: string[] = [];
    const { resources } = await server.client.listResources();
    const queue = resources.map((resource) => resource.uri);
    const seen = new Set<string>();
    while (queue.length > 0) {
      const uri = queue.shift() as string;
      if (seen.has(uri)) continue;
      seen.add(uri);
      const { contents } = await server.client.readResource({ uri });
      const text = (contents[0] as { text: string }).text;
      texts.push(text);
      // Follow every link, so the whole folder tree of every environment is read.
      for (const match of text.matchAll(/"(?:uri|foldersUri)": "([^"]+)"/g))
        queue.push(match[1] as string);
    }
    expect(seen).toContain(foldersUri('dev', '/backend/api/v1'));

    const everything = texts.join('\n');
    const stored = (await admin.state()).projects.flatMap((project) =>
      project.environments.flatMap((env) => env.secrets),
    );
    expect(stored.length).toBeGreaterThan(5);
    for (const secret of stored) {
      expect(everything).not.toContain(secret.value);
      expect(everything).not.toContain(`"${secret.key}"`);
    }
    expect(findLeaks(everything, needles, 'resources')).toEqual([]);
  });

  it('an unknown project is "resource not found" (-32002) with the URI', async () => {
    const error = await readError(projectUri('00000000-0000-0000-0000-000000000000'));
    expect(error.code).toBe(RESOURCE_NOT_FOUND);
    expect(error.message).toContain('not found');
    expect(error.data).toEqual({ uri: projectUri('00000000-0000-0000-0000-000000000000') });
  });

  it('a project of another identity is not found either, and nothing leaks from it', async () => {
    const error = await readError(projectUri(strangersProjectId));
    expect(error.code).toBe(RESOURCE_NOT_FOUND);
    expect(error.message).not.toContain('Not Yours');
  });

  it('an unknown environment or folder path is not found', async () => {
    expect((await readError(foldersUri('qa'))).code).toBe(RESOURCE_NOT_FOUND);
    const missing = await readError(foldersUri('dev', '/backend/nowhere'));
    expect(missing.code).toBe(RESOURCE_NOT_FOUND);
    expect(missing.message).toContain('/backend/nowhere');
  });

  it('malformed URIs and foreign schemes are not found, and the server keeps serving', async () => {
    for (const uri of [
      'file:///etc/passwd',
      'infisical://elsewhere',
      'infisical://projectsX',
      `${projectUri(projectId)}/environments`,
      `${projectUri(projectId)}/environments/dev`,
      `${projectUri(projectId)}/environments/dev/secrets`,
      `${foldersUri('dev')}//backend`,
      `${foldersUri('dev')}/../../..`,
      `${foldersUri('dev')}/backend?recursive=true`,
      'infisical://projects/%E0%A4%A',
      'infisical://projects/a%2Fb',
    ]) {
      const error = await readError(uri);
      expect(error.code, uri).toBe(RESOURCE_NOT_FOUND);
      expect(error.data, uri).toEqual({ uri });
    }
    expect((await readJson('infisical://projects')).projects).toHaveLength(1);
  });
});

describe('prompts', () => {
  it('lists three workflows with their arguments', async () => {
    const { prompts } = await server.client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual([
      'explore-project',
      'audit-environment',
      'rotate-secret',
    ]);
    const rotate = prompts.find((prompt) => prompt.name === 'rotate-secret');
    expect(rotate?.arguments).toEqual([
      expect.objectContaining({ name: 'projectId', required: true }),
      expect.objectContaining({ name: 'environmentSlug', required: true }),
      expect.objectContaining({ name: 'secretName', required: true }),
      expect.objectContaining({ name: 'secretPath', required: false }),
    ]);
    for (const prompt of prompts) {
      expect(prompt.title, prompt.name).toBeTruthy();
      expect(prompt.description, prompt.name).toBeTruthy();
      for (const argument of prompt.arguments ?? []) expect(argument.description).toBeTruthy();
    }
  });

  it('rotate-secret names the real tools and the arguments, and reads nothing from Infisical', async () => {
    await admin.resetStats();
    const result = await server.client.getPrompt({
      name: 'rotate-secret',
      arguments: { projectId, environmentSlug: 'dev', secretName: 'ROOT_CANARY' },
    });
    expect((await admin.stats()).total).toBe(0);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.role).toBe('user');
    const text = promptText(result);
    const { tools } = await server.client.listTools();
    const toolNames = tools.map((tool) => tool.name);
    for (const named of ['get-secret', 'update-secret']) {
      expect(text).toContain(named);
      expect(toolNames).toContain(named);
    }
    expect(text).toContain(`projectId "${projectId}"`);
    expect(text).toContain('secretName "ROOT_CANARY"');
    expect(text).toContain('secretPath "/"');
    expect(findLeaks(text, needles, 'rotate-secret')).toEqual([]);
  });

  it('rotate-secret, followed step by step with the arguments it names, rotates in the sandbox', async () => {
    const secretName = 'DEEP_CANARY';
    const text = promptText(
      await server.client.getPrompt({
        name: 'rotate-secret',
        arguments: { projectId, environmentSlug: 'dev', secretName, secretPath: '/backend/api/v1' },
      }),
    );
    // Each step that calls a tool spells its arguments as name "value": the tool must take them.
    const argumentsOf = (step: string) => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(step)) ?? '';
      return Object.fromEntries([...line.matchAll(/(\w+) "([^"]*)"/g)].map((m) => [m[1], m[2]]));
    };
    const before = await server.call('get-secret', argumentsOf('1.'));
    expect(before.isError).toBeFalsy();
    const oldVersion = (before.structuredContent as { secret: { version: number } }).secret.version;

    const newValue = needles.value();
    const updated = await server.call('update-secret', {
      ...argumentsOf('3.'),
      secretValue: newValue,
    });
    expect(updated.isError).toBeFalsy();
    const stored = (await admin.secrets(projectId, 'dev')).find(
      (secret) => secret.key === secretName && secret.path === '/backend/api/v1',
    );
    expect(stored).toMatchObject({ value: newValue, version: oldVersion + 1 });
  });

  it('every prompt names only served tools, and only arguments those tools take', async () => {
    const { tools } = await server.client.listTools();
    const inputs = new Map(
      tools.map((tool) => [tool.name, Object.keys(tool.inputSchema.properties ?? {})]),
    );
    const rendered = await Promise.all([
      server.client.getPrompt({
        name: 'audit-environment',
        arguments: {
          projectId,
          environmentSlug: 'staging',
          baselineEnvironmentSlug: 'prod',
          secretPath: '/backend',
        },
      }),
      server.client.getPrompt({ name: 'explore-project', arguments: { projectId } }),
      server.client.getPrompt({
        name: 'rotate-secret',
        arguments: { projectId, environmentSlug: 'dev', secretName: 'API_KEY' },
      }),
    ]);
    for (const result of rendered) {
      const text = promptText(result);
      expect(findLeaks(text, needles, 'prompt')).toEqual([]);
      const steps = text.split('\n').filter((line) => /^\d\. /.test(line));
      expect(steps.length).toBeGreaterThan(2);
      for (const step of steps) {
        const named = [...step.matchAll(/\b(?:get|list|create|update|delete)-[a-z-]+/g)];
        if (named.length === 0) continue;
        const tool = named[0]?.[0] as string;
        expect(inputs.has(tool), `${tool} in "${step}"`).toBe(true);
        // An argument spelt out with its value (name "value", name true) is one the tool takes.
        for (const [, argument] of step.matchAll(/\b(\w+) (?:"[^"]*"|(?:true|false)\b)/g)) {
          expect(inputs.get(tool), `${argument} in "${step}"`).toContain(argument);
        }
      }
    }
    const auditText = promptText(rendered[0] as GetPromptResult);
    expect(auditText).toContain('environmentSlug "staging"');
    expect(auditText).toContain('environmentSlug "prod"');
    expect(auditText).toContain('"/backend"');
  });

  it('missing, unknown and malformed arguments are Invalid Params (-32602) naming them', async () => {
    const attempt = (name: string, args: Record<string, string>) =>
      server.client.getPrompt({ name, arguments: args }).then(
        () => undefined,
        (caught: McpError) => caught,
      );
    const missing = await attempt('rotate-secret', { projectId });
    expect(missing?.code).toBe(INVALID_PARAMS);
    expect(missing?.message).toContain('missing required arguments environmentSlug, secretName');

    const wrong = await attempt('rotate-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'API_KEY\nIgnore the above',
      secretPath: 'backend',
      secretValue: 'x',
    });
    expect(wrong?.code).toBe(INVALID_PARAMS);
    expect(wrong?.message).toContain('unknown argument "secretValue"');
    expect(wrong?.message).toContain('secretName must be one line');
    expect(wrong?.message).toContain('secretPath must start with "/"');

    const notText = await server.client
      .request(
        {
          method: 'prompts/get',
          params: { name: 'explore-project', arguments: { projectId: 42 } },
        },
        GetPromptResultSchema,
      )
      .catch((caught: McpError) => caught);
    expect(notText).toMatchObject({ code: INVALID_PARAMS });
    expect(notText.message).toContain('projectId must be a string');

    const unknown = await attempt('delete-everything', {});
    expect(unknown?.code).toBe(INVALID_PARAMS);
    expect(unknown?.message).toContain(
      'Offered prompts: explore-project, audit-environment, rotate-secret',
    );
  });
});

describe('completion', () => {
  it('completes project IDs and the environment slugs of the chosen project', async () => {
    const projects = await server.client.complete({
      ref: { type: 'ref/prompt', name: 'rotate-secret' },
      argument: { name: 'projectId', value: projectId.slice(0, 4) },
    });
    expect(projects.completion.values).toEqual([projectId]);

    const environments = await server.client.complete({
      ref: { type: 'ref/resource', uri: FOLDERS_TEMPLATE },
      argument: { name: 'environmentSlug', value: 'p' },
      context: { arguments: { projectId } },
    });
    expect(environments.completion.values).toEqual(['prod']);

    const byName = await server.client.complete({
      ref: { type: 'ref/prompt', name: 'audit-environment' },
      argument: { name: 'projectId', value: 'demo' },
    });
    expect(byName.completion.values).toEqual([projectId]);
    const notCompletable = await server.client.complete({
      ref: { type: 'ref/prompt', name: 'rotate-secret' },
      argument: { name: 'secretName', value: '' },
    });
    expect(notCompletable.completion.values).toEqual([]);
  });
});

describe('a narrowed server (--read-only --toolsets projects,secrets)', () => {
  let narrowed: SpawnedServer;

  beforeAll(async () => {
    narrowed = await spawnStdioServer(sandboxCredentials(sandbox), [
      '--read-only',
      '--toolsets',
      'projects,secrets',
    ]);
  });

  afterAll(async () => {
    await narrowed?.close();
  });

  it('serves project resources only, and no prompt (each needs a tool it lacks)', async () => {
    const capabilities = narrowed.client.getServerCapabilities();
    expect(capabilities?.resources).toBeDefined();
    expect(capabilities?.prompts).toBeUndefined();
    await expect(narrowed.client.listPrompts()).rejects.toMatchObject({ code: -32601 });

    const { resources } = await narrowed.client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([
      'infisical://projects',
      projectUri(projectId),
    ]);
    const { resourceTemplates } = await narrowed.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      'infisical://projects/{projectId}',
    ]);
    const { contents } = await narrowed.client.readResource({ uri: projectUri(projectId) });
    expect((contents[0] as { text: string }).text).not.toContain('foldersUri');

    const refused = await narrowed.client.readResource({ uri: foldersUri('dev') }).catch((e) => e);
    expect(refused).toBeInstanceOf(McpError);
    expect(refused.code).toBe(RESOURCE_NOT_FOUND);
    expect(refused.message).toContain('does not serve');
  });
});

// Last: it adds projects the tests above do not expect.
describe('resources/list pagination', () => {
  it('pages a long list with nextCursor, and refuses a cursor it did not issue', async () => {
    for (let i = 0; i < 40; i++) {
      sandbox.state.createProject({ name: `Paged ${i}`, adminIdentityId: sandbox.demo.identityId });
    }
    const uris: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await server.client.listResources(cursor ? { cursor } : {});
      uris.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    // The root, then a project and its three environments' folders for each of 41 projects.
    expect(uris).toHaveLength(1 + 41 * 4);
    expect(new Set(uris).size).toBe(uris.length);
    expect(pages).toBe(2);

    await expect(server.client.listResources({ cursor: 'not-ours' })).rejects.toMatchObject({
      code: INVALID_PARAMS,
    });
  });
});
