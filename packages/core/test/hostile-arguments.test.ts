import { randomUUID } from 'node:crypto';
import { type StateDump, startSandbox } from '@infisical/mcp-sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfisicalClient } from '../src/infisical/create-infisical-client.js';
import { InfisicalClient } from '../src/infisical/infisical-client.js';
import { InfisicalHttp, type InfisicalRequest } from '../src/infisical/infisical-http.js';
import type { AuditEntry } from '../src/safety/audit-trail.js';
import { defaultPolicy } from '../src/safety/policy.js';
import { createInfisicalMcpServer } from '../src/server/create-infisical-mcp-server.js';
import { allTools } from '../src/tools/all-tools.js';
import type { InfisicalTool } from '../src/tools/infisical-tool.js';
import { IDENTIFIER_RULES } from '../src/tools/schema.js';

/**
 * An agent that controls only tool arguments, against two servers that do not serve
 * delete-project: one that protects `prod`, one that protects nothing. Whatever it passes,
 * nothing in `prod` changes, the project and its environments stay, and every request that
 * reaches Infisical lands on a route the tool meant to call (never `DELETE /projects/:id`
 * through a `..` tag ID).
 */

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Json = Record<string, unknown>;

let sandbox: Sandbox;
/** Protects prod. */
let guarded: Client;
/** Protects nothing: only the schemas and the HTTP client stand between an agent and a URL. */
let open: Client;
let projectId: string;
let prodId: string;
let devId: string;
const audit: AuditEntry[] = [];
/** `METHOD /route/:` for every request the tools meant to send, parameters unnamed. */
const intended = new Set<string>();

/** The routes a login or token renewal uses: not the tool's, but never harmful. */
const AUTH_ROUTE = /^POST \/api\/v1\/auth\//;

const normalize = (routeKey: string) => routeKey.replace(/:[A-Za-z]+/g, ':');

class RecordingHttp extends InfisicalHttp {
  override send<T>(request: InfisicalRequest, token?: string): Promise<T> {
    intended.add(normalize(`${request.method} ${request.path}`));
    return super.send<T>(request, token);
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  projectId = sandbox.demo.projectId;
  const project = await projectDump();
  prodId = environmentOf(project, 'prod').id;
  devId = environmentOf(project, 'dev').id;
  sandbox.state.dynamicSecrets.create({ projectId, environment: 'prod', name: 'prod-db' });

  const base = createInfisicalClient({
    hostUrl: sandbox.url,
    auth: {
      method: 'universal-auth',
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    },
  });
  const infisical = new InfisicalClient(new RecordingHttp({ baseUrl: sandbox.url }), base.tokens);
  const connect = async (protectedEnvironments: string[]) => {
    const server = createInfisicalMcpServer({
      infisical,
      policy: defaultPolicy({
        excludedTools: ['delete-project'],
        protectedEnvironments,
        confirmDestructive: 'off',
        audit: (entry) => audit.push(entry),
      }),
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'hostile-agent', version: '1.0.0' });
    await client.connect(clientSide);
    return client;
  };
  guarded = await connect(['prod']);
  open = await connect([]);
}, 30_000);

afterAll(async () => {
  await guarded?.close();
  await open?.close();
  await sandbox?.close();
});

const mutatingTools = allTools.filter(
  (tool) => !tool.annotations.readOnlyHint && tool.name !== 'delete-project',
);
const reachingEnvironments = mutatingTools.filter(
  (tool) => tool.target?.reach !== 'outside-environments',
);

type SandboxProject = StateDump['projects'][number];

/**
 * The project as the sandbox's published `/__sandbox/state` hook shows it. Core's tests read it
 * over HTTP because the test kit's admin client depends on core itself.
 */
async function projectDump(): Promise<SandboxProject> {
  const dump = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as StateDump;
  const project = dump.projects.find((each) => each.id === projectId);
  if (!project) throw new Error(`sandbox has no project ${projectId}`);
  return project;
}

function environmentOf(project: SandboxProject, slug: string) {
  const environment = project.environments.find((each) => each.slug === slug);
  if (!environment) throw new Error(`no ${slug}`);
  return environment;
}

/**
 * What must never change: prod's content and the project's environments. (Its name and
 * description are fair game for update-project on a server that protects nothing.)
 */
async function protectedState() {
  const project = await projectDump();
  return {
    project: project.id,
    environments: project.environments.map(({ id, slug, name }) => ({ id, slug, name })),
    prod: environmentOf(project, 'prod'),
    prodDynamicSecrets: project.dynamicSecrets.filter((each) => each.environment === 'prod'),
  };
}

/** Calls a tool and checks the invariants around it. */
async function callAndCheck(mcp: Client, tool: string, args: Json): Promise<CallToolResult> {
  const before = await protectedState();
  sandbox.stats.reset();
  intended.clear();
  const result = (await mcp.callTool({ name: tool, arguments: args })) as CallToolResult;
  const reached = Object.keys(sandbox.stats.snapshot().requests).filter(
    (key) => !AUTH_ROUTE.test(key),
  );
  for (const key of reached) {
    expect(intended, `${tool} ${JSON.stringify(args)} reached ${key}`).toContain(normalize(key));
  }
  const after = await protectedState();
  if (tool === 'create-environment' && !result.isError) {
    // A benign value the generator drew ("0" is a valid slug) creates an environment: that is
    // the tool's job. Nothing that existed may change, prod least of all.
    expect(after.environments, `${tool} ${JSON.stringify(args)}`).toEqual(
      expect.arrayContaining(before.environments),
    );
    expect({ ...after, environments: [] }).toEqual({ ...before, environments: [] });
  } else {
    expect(after, `${tool} ${JSON.stringify(args)}`).toEqual(before);
  }
  return result;
}

// ---- Arguments: well formed by default, one of them hostile. ----

const HOSTILE_SEGMENTS = [
  '.',
  '..',
  '%2e',
  '%2e%2e',
  '.%2e',
  '%2E.',
  '..%2f',
  '%2f..',
  '/',
  'a/b',
  '../prod',
  '..\\..',
  '\\',
  'x\u0000',
  'x\r\nHost: evil',
  '\u2024\u2024',
  '\uff0e\uff0e',
];

/** The ones every string argument of every tool gets, the others being drawn at random. */
const EVERY_PLACE_SEGMENTS = [
  '.',
  '..',
  '%2e%2e',
  '.%2e',
  'a/b',
  '..\\..',
  'x\u0000',
  '\uff0e\uff0e',
];

const slugVariants = (slug: string) => [
  ` ${slug}`,
  `${slug} `,
  `\t${slug}`,
  `${slug}\n`,
  `\u00a0${slug}`,
  `${slug}\u00a0`,
  `\u200b${slug}`,
  `${slug}\u200b`,
  `\ufeff${slug}`,
  slug.toUpperCase(),
  `${slug[0]?.toUpperCase()}${slug.slice(1)}`,
  [...slug].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join(''),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_SEGMENTS),
  fc.constantFrom('prod', 'dev').chain((slug) => fc.constantFrom(...slugVariants(slug))),
  fc
    .tuple(fc.constantFrom(...HOSTILE_SEGMENTS), fc.string({ maxLength: 6 }))
    .map(([segment, tail]) => segment + tail),
  fc.string({ maxLength: 12, unit: 'binary' }),
);

type Schema = {
  type?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  minItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
};

/** A well-formed value that names nothing real (a fresh UUID), in the dev environment. */
function validValue(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'string':
      return validString(schema.pattern);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        validValue(schema.items ?? { type: 'string' }),
      );
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, validValue(schema.properties?.[key] ?? {})]),
      );
    default:
      return 'x';
  }
}

function validString(pattern: string | undefined): string {
  switch (pattern) {
    case IDENTIFIER_RULES.projectId.pattern:
      return projectId;
    case IDENTIFIER_RULES.uuid.pattern:
      return randomUUID();
    case IDENTIFIER_RULES.slug.pattern:
    case IDENTIFIER_RULES.newSlug.pattern:
      return 'dev';
    case IDENTIFIER_RULES.secretName.pattern:
      return 'PROPERTY_SECRET';
    case IDENTIFIER_RULES.secretPath.pattern:
      return '/';
    case IDENTIFIER_RULES.folderName.pattern:
      return 'property-folder';
    case undefined:
      return 'x';
    default:
      if (pattern.includes('@')) return 'agent@example.com';
      return '1h';
  }
}

/**
 * Every place in a tool's input where a string goes (`key`, `key[]` or `key[].field`), whatever
 * its schema says: the property must hold because of the schemas, not be shaped by them.
 */
function stringPlaces(tool: InfisicalTool): string[] {
  const places: string[] = [];
  const properties = tool.inputSchema.properties as Record<string, Schema>;
  for (const [key, schema] of Object.entries(properties)) {
    if (schema.type === 'string' && !schema.enum) places.push(key);
    if (schema.type === 'array' && schema.items?.type === 'string') places.push(`${key}[]`);
    for (const [field, inner] of Object.entries(schema.items?.properties ?? {})) {
      if (inner.type === 'string') places.push(`${key}[].${field}`);
    }
  }
  return places;
}

function argumentsWith(tool: InfisicalTool, place: string, value: string): Json {
  const args = validValue(tool.inputSchema as Schema) as Json;
  const [key = '', field] = place.replace('[]', '').split('.');
  const schema = (tool.inputSchema.properties as Record<string, Schema>)[key] ?? {};
  if (place.endsWith('[]')) args[key] = [value];
  else if (field) args[key] = [{ ...(validValue(schema.items ?? {}) as Json), [field]: value }];
  else args[key] = value;
  return args;
}

const toolNamed = (name: string) => allTools.find((tool) => tool.name === name) as InfisicalTool;

const hostileCall = fc
  .constantFrom(
    ...mutatingTools.filter((tool) => stringPlaces(tool).length > 0).map((tool) => tool.name),
  )
  .chain((name) =>
    fc.record({
      name: fc.constant(name),
      place: fc.constantFrom(...stringPlaces(toolNamed(name))),
      value: hostileString,
    }),
  );

const everyPlace = mutatingTools.flatMap((tool) =>
  stringPlaces(tool).map((place) => ({ name: tool.name, place })),
);

describe('hostile tool arguments', () => {
  it('every string argument of every mutating tool, given each dot segment and separator, reaches no other route', async () => {
    for (const { name, place } of everyPlace) {
      for (const value of EVERY_PLACE_SEGMENTS) {
        await callAndCheck(open, name, argumentsWith(toolNamed(name), place, value));
      }
    }
  }, 300_000);

  it('every mutating tool refuses hostile identifiers; nothing protected changes and no request leaves its route', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCall, fc.boolean(), async ({ name, place, value }, protects) => {
        const tool = toolNamed(name);
        const args = argumentsWith(tool, place, value);
        const result = await callAndCheck(protects ? guarded : open, tool.name, args);
        const slugArgument = place === 'environmentSlug' || place === 'environment';
        if (slugArgument && value.trim().toLowerCase() !== value) expect(result.isError).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 300_000);

  it('every tool that reaches environments is refused in prod, whether named by slug or by ID', async () => {
    const addressing = fc.constantFrom<'slug' | 'id' | 'rename-from' | 'rename-to'>(
      'slug',
      'id',
      'rename-from',
      'rename-to',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reachingEnvironments.map((each) => each.name)),
        addressing,
        async (name, how) => {
          const tool = toolNamed(name);
          const args = validValue(tool.inputSchema as Schema) as Json;
          const properties = tool.inputSchema.properties as Record<string, Schema>;
          for (const key of ['environmentSlug', 'environment', 'importEnvironmentSlug']) {
            if (key in properties) args[key] = 'prod';
          }
          if ('environmentSlugs' in properties) args.environmentSlugs = ['dev', 'prod'];
          if (tool.name === 'create-environment') args.slug = 'prod';
          if ('environmentId' in properties) {
            const renamesDev = how === 'rename-to' && tool.name === 'update-environment';
            args.environmentId = renamesDev ? devId : prodId;
            if (tool.name === 'update-environment') {
              args.slug = how === 'rename-to' ? 'prod' : 'not-prod';
              if (how === 'id') args.name = 'Renamed';
            }
          }
          if (tool.name === 'invite-members-to-project') args.emails = ['agent@example.com'];
          audit.length = 0;
          const result = await callAndCheck(guarded, tool.name, args);
          expect(result.isError, `${tool.name} ${JSON.stringify(args)}`).toBe(true);
          const entry = audit.at(-1);
          expect(entry?.outcome, `${tool.name} ${JSON.stringify(args)}`).toBe('refused');
          expect(entry?.environment ?? '').not.toContain('not-prod');
          if (args.environmentId === prodId) expect(entry?.environment).toBe('prod');
        },
      ),
      { numRuns: 100 },
    );
  }, 300_000);
});
