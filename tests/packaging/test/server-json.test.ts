/**
 * server.json (the MCP Registry entry) and docs/clients/ against the built apps.
 *
 * server.json follows the registry's server.json schema 2025-12-11
 * (https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json). The schema is
 * not vendored here, so its rules that apply to this file are checked one by one below: the
 * required fields of ServerDetail (name, description, version) and Package (registryType,
 * identifier, transport), each object's known properties, the patterns and lengths, and the
 * official registry's extra rules (npm packages carry a version, registryBaseUrl is npmjs.org,
 * stdio has no url, a transport URL template names only the package's variables or arguments).
 *
 * The environment variables and flags are checked against what the built apps print for
 * `--help`, so the apps must be built first (`npx -y pnpm@12.21.0 run build`; turbo's `test`
 * task builds them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCHEMA_URL = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
const DOCS = join(ROOT, 'docs', 'clients');

/** The packages server.json may describe: published app name → its directory. */
const APPS = { '@infisical/mcp': 'mcp-cli', '@infisical/mcp-http': 'mcp-http' } as const;
type AppName = keyof typeof APPS;

/** The variables the stdio package must list (the official server's, plus the token strategy). */
const STDIO_VARIABLES = [
  'INFISICAL_HOST_URL',
  'INFISICAL_AUTH_METHOD',
  'INFISICAL_UNIVERSAL_AUTH_CLIENT_ID',
  'INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET',
  'INFISICAL_TOKEN',
  'INFISICAL_TOKEN_STRATEGY',
  'INFISICAL_ENABLED_TOOLS',
  'INFISICAL_MASK_SECRET_VALUES',
];
const SECRET_VARIABLES = [
  'INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET',
  'INFISICAL_TOKEN',
  'INFISICAL_FINGERPRINT_KEY',
];

// Properties each object may have in schema 2025-12-11 (none of its objects is closed, so a
// misspelt or snake_case key would pass a validator silently; these lists catch it).
const INPUT_KEYS = [
  'choices',
  'default',
  'description',
  'format',
  'isRequired',
  'isSecret',
  'placeholder',
  'value',
  'variables',
];
const KNOWN_KEYS = {
  server: [
    '$schema',
    '_meta',
    'description',
    'icons',
    'name',
    'packages',
    'remotes',
    'repository',
    'title',
    'version',
    'websiteUrl',
  ],
  repository: ['id', 'source', 'subfolder', 'url'],
  package: [
    'environmentVariables',
    'fileSha256',
    'identifier',
    'packageArguments',
    'registryBaseUrl',
    'registryType',
    'runtimeArguments',
    'runtimeHint',
    'transport',
    'version',
  ],
  transport: ['type', 'url', 'headers'],
  keyValueInput: [...INPUT_KEYS, 'name'],
  argument: [...INPUT_KEYS, 'type', 'name', 'isRepeated', 'valueHint'],
};
const INPUT_FORMATS = ['string', 'number', 'boolean', 'filepath'];

interface KeyValueInput {
  name: string;
  description?: string;
  isRequired?: boolean;
  isSecret?: boolean;
  format?: string;
  default?: string;
  choices?: string[];
  placeholder?: string;
  value?: string;
}
interface Argument extends Omit<KeyValueInput, 'name'> {
  type: string;
  name?: string;
  valueHint?: string;
  isRepeated?: boolean;
}
interface Transport {
  type: string;
  url?: string;
  headers?: KeyValueInput[];
}
interface Package {
  registryType: string;
  registryBaseUrl?: string;
  identifier: string;
  version?: string;
  runtimeHint?: string;
  transport: Transport;
  packageArguments?: Argument[];
  runtimeArguments?: Argument[];
  environmentVariables?: KeyValueInput[];
}
interface ServerJson {
  $schema?: string;
  name: string;
  title?: string;
  description: string;
  version: string;
  websiteUrl?: string;
  repository?: { url: string; source: string; id?: string; subfolder?: string };
  packages?: Package[];
  remotes?: unknown[];
}
interface AppPackageJson {
  name: string;
  version: string;
  mcpName?: string;
  repository?: string | { url?: string };
}
interface AppHelp {
  variables: Set<string>;
  flags: Set<string>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function appPackageJson(app: AppName): AppPackageJson {
  return readJson(join(ROOT, 'apps', APPS[app], 'package.json'));
}

/** Runs the built app's `--help` (the stdio app prints it on stderr) and collects its names. */
function readHelp(app: AppName): AppHelp {
  const bin = join(ROOT, 'apps', APPS[app], 'dist', 'main.js');
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: build first (cd ${ROOT} && npx -y pnpm@12.21.0 run build)`);
  }
  const result = spawnSync(process.execPath, [bin, '--help'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.status !== 0) {
    throw new Error(`${app} --help exited ${result.status}: ${result.stderr}`);
  }
  const text = `${result.stdout}\n${result.stderr}`;
  return {
    variables: new Set(text.match(/\bINFISICAL_[A-Z0-9_]+\b/g) ?? []),
    flags: new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []),
  };
}

function expectKnownKeys(value: object, known: string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  expect(unknown, `unknown properties in ${where}`).toEqual([]);
}

/** `{name}` placeholders in a transport URL template. */
function templateVariables(url: string): string[] {
  return [...url.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
}

function normaliseRepositoryUrl(url: string): string {
  return url
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
}

let help: Record<AppName, AppHelp>;
/** Every INFISICAL_* name either app accepts. */
let accepted: Set<string>;

beforeAll(() => {
  help = {
    '@infisical/mcp': readHelp('@infisical/mcp'),
    '@infisical/mcp-http': readHelp('@infisical/mcp-http'),
  };
  accepted = new Set([
    ...help['@infisical/mcp'].variables,
    ...help['@infisical/mcp-http'].variables,
  ]);
});

describe('the --help output these checks rely on', () => {
  it('names the Infisical variables and the flags of both apps', () => {
    for (const app of Object.keys(APPS) as AppName[]) {
      for (const name of STDIO_VARIABLES) expect(help[app].variables).toContain(name);
      expect(help[app].flags).toContain('--sandbox');
    }
    expect(help['@infisical/mcp-http'].flags).toContain('--port');
    expect(help['@infisical/mcp-http'].flags).toContain('--allowed-hosts');
  });
});

describe('server.json', () => {
  const path = join(ROOT, 'server.json');
  let server: ServerJson;

  beforeAll(() => {
    server = readJson<ServerJson>(path);
  });

  it('parses as a JSON object that declares schema 2025-12-11', () => {
    expect(() => JSON.parse(readFileSync(path, 'utf8'))).not.toThrow();
    expect(typeof server).toBe('object');
    expect(server.$schema).toBe(SCHEMA_URL);
    expectKnownKeys(server, KNOWN_KEYS.server, 'server.json');
  });

  it('has the required ServerDetail fields, in their documented forms', () => {
    expect(typeof server.name).toBe('string');
    expect(server.name.length).toBeGreaterThanOrEqual(3);
    expect(server.name.length).toBeLessThanOrEqual(200);
    expect(server.name).toMatch(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    // Reverse-DNS namespace that a GitHub login can publish: io.github.<owner>/<server>.
    expect(server.name).toMatch(/^io\.github\.[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);

    expect(typeof server.description).toBe('string');
    expect(server.description.length).toBeGreaterThanOrEqual(1);
    expect(server.description.length).toBeLessThanOrEqual(100);

    expect(typeof server.version).toBe('string');
    expect(server.version.length).toBeLessThanOrEqual(255);
    expect(server.version).not.toBe('latest');
    expect(server.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/);

    if (server.title !== undefined) {
      expect(server.title.trim().length).toBeGreaterThanOrEqual(1);
      expect(server.title.length).toBeLessThanOrEqual(100);
    }
    if (server.websiteUrl !== undefined)
      expect(server.websiteUrl).toMatch(/^https:\/\/[^\s"'<>]+$/);
    if (server.repository !== undefined) {
      expectKnownKeys(server.repository, KNOWN_KEYS.repository, 'repository');
      expect(server.repository.source).toBe('github');
      expect(server.repository.url).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    }
  });

  it('describes @infisical/mcp over stdio, and every package is one of the apps', () => {
    const packages = server.packages ?? [];
    expect(packages.length).toBeGreaterThan(0);
    for (const pkg of packages) expect(Object.keys(APPS)).toContain(pkg.identifier);
    const stdio = packages.find((pkg) => pkg.identifier === '@infisical/mcp');
    expect(stdio?.transport).toEqual({ type: 'stdio' });
    const identifiers = packages.map((pkg) => `${pkg.registryType}:${pkg.identifier}`);
    expect(new Set(identifiers).size).toBe(identifiers.length);
  });

  it('has the version of apps/mcp-cli/package.json, and each package its own package.json version', () => {
    expect(server.version).toBe(appPackageJson('@infisical/mcp').version);
    for (const pkg of server.packages ?? []) {
      expect(pkg.version, pkg.identifier).toBe(appPackageJson(pkg.identifier as AppName).version);
      expect(pkg.version, pkg.identifier).toBe(server.version);
    }
  });

  it('has the required Package fields and the registry rules for npm packages', () => {
    for (const pkg of server.packages ?? []) {
      const where = `package ${pkg.identifier}`;
      expectKnownKeys(pkg, KNOWN_KEYS.package, where);
      expect(pkg.registryType, where).toBe('npm');
      expect(pkg.identifier, where).toMatch(
        /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/,
      );
      expect(pkg.version, `${where}: npm packages need a version`).toBeTypeOf('string');
      expect(pkg.version, where).not.toBe('latest');
      if (pkg.registryBaseUrl !== undefined) {
        expect(pkg.registryBaseUrl, where).toBe('https://registry.npmjs.org');
      }
      expect(pkg.transport, `${where}: transport is required`).toBeTypeOf('object');
      expectKnownKeys(pkg.transport, KNOWN_KEYS.transport, `${where} transport`);
      expect(['stdio', 'streamable-http', 'sse'], where).toContain(pkg.transport.type);
    }
  });

  it('gives each transport what its type needs', () => {
    for (const pkg of server.packages ?? []) {
      const where = `package ${pkg.identifier}`;
      if (pkg.transport.type === 'stdio') {
        expect(pkg.transport.url, `${where}: stdio has no url`).toBeUndefined();
        continue;
      }
      const url = pkg.transport.url ?? '';
      expect(url, where).toMatch(/^https?:\/\/[^\s]+$/);
      // In a package, {placeholders} name the package's variables or its arguments.
      const arguments_ = [...(pkg.packageArguments ?? []), ...(pkg.runtimeArguments ?? [])];
      const available = new Set([
        ...(pkg.environmentVariables ?? []).map((variable) => variable.name),
        ...arguments_.flatMap((argument) => [argument.name, argument.valueHint]),
      ]);
      for (const name of templateVariables(url))
        expect(available, `${where}: {${name}}`).toContain(name);
    }
  });

  it('lists only environment variables the apps accept, each well formed', () => {
    for (const pkg of server.packages ?? []) {
      const app = pkg.identifier as AppName;
      const names = (pkg.environmentVariables ?? []).map((variable) => variable.name);
      expect(new Set(names).size, `${app}: duplicate variable`).toBe(names.length);
      for (const variable of pkg.environmentVariables ?? []) {
        const where = `${app} ${variable.name}`;
        expectKnownKeys(variable, KNOWN_KEYS.keyValueInput, where);
        expect(help[app].variables, `${where} is not in ${app} --help`).toContain(variable.name);
        expect(
          help['@infisical/mcp'].variables,
          `${where}: not accepted by the stdio app`,
        ).toContain(variable.name);
        expect(variable.description, where).toBeTypeOf('string');
        for (const flag of ['isRequired', 'isSecret'] as const) {
          if (variable[flag] !== undefined) expect(variable[flag], where).toBeTypeOf('boolean');
        }
        if (variable.format !== undefined) expect(INPUT_FORMATS, where).toContain(variable.format);
        if (variable.choices !== undefined && variable.default !== undefined) {
          expect(variable.choices, where).toContain(variable.default);
        }
      }
    }
  });

  it('lists the stdio variables, with the client secret and the token marked secret', () => {
    const stdio = (server.packages ?? []).find((pkg) => pkg.identifier === '@infisical/mcp');
    const variables = stdio?.environmentVariables ?? [];
    for (const name of STDIO_VARIABLES)
      expect(variables.map((variable) => variable.name)).toContain(name);
    for (const pkg of server.packages ?? []) {
      const secret = (pkg.environmentVariables ?? []).filter(
        (variable) => variable.isSecret === true,
      );
      expect(secret.map((variable) => variable.name).sort(), pkg.identifier).toEqual(
        [...SECRET_VARIABLES].sort(),
      );
    }
  });

  it('passes only flags the apps accept as package arguments', () => {
    for (const pkg of server.packages ?? []) {
      const app = pkg.identifier as AppName;
      for (const argument of [...(pkg.packageArguments ?? []), ...(pkg.runtimeArguments ?? [])]) {
        expectKnownKeys(argument, KNOWN_KEYS.argument, `${app} argument`);
        if (argument.type === 'named') {
          expect(argument.name, `${app}: a named argument needs a name`).toBeTypeOf('string');
          expect(help[app].flags, `${app} ${argument.name}`).toContain(argument.name);
        } else {
          expect(argument.type, app).toBe('positional');
          expect(
            argument.valueHint ?? argument.value,
            `${app}: positional needs valueHint or value`,
          ).toBeTypeOf('string');
        }
      }
    }
  });

  it('matches the name and repository the npm packages declare, where they declare them', () => {
    // The registry accepts an npm package only if its package.json has "mcpName" equal to name.
    for (const pkg of server.packages ?? []) {
      const manifest = appPackageJson(pkg.identifier as AppName);
      if (manifest.mcpName !== undefined)
        expect(manifest.mcpName, pkg.identifier).toBe(server.name);
      const repository =
        typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
      if (repository !== undefined && server.repository !== undefined) {
        expect(normaliseRepositoryUrl(server.repository.url)).toBe(
          normaliseRepositoryUrl(repository),
        );
      }
    }
  });
});

describe('docs/clients', () => {
  const PAGES = [
    'claude-desktop.md',
    'cursor.md',
    'vscode.md',
    'claude-code.md',
    'n8n.md',
    'inspector.md',
    'remote-bridge.md',
  ];
  const ALL = ['README.md', ...PAGES];
  /** Variables a page may set that belong to another program than ours. */
  const FOREIGN_VARIABLES: Record<string, string[]> = { 'remote-bridge.md': ['AUTH_HEADER'] };

  const read = (page: string) => readFileSync(join(DOCS, page), 'utf8');
  const blocks = (text: string) =>
    [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
      language: match[1] as string,
      body: match[2] as string,
    }));
  const jsonBlocks = (page: string) =>
    blocks(read(page))
      .filter((block) => block.language === 'json')
      .map((block, index) => {
        try {
          return JSON.parse(block.body) as unknown;
        } catch (error) {
          throw new Error(
            `${page}: JSON block ${index + 1} does not parse: ${(error as Error).message}`,
          );
        }
      });

  /** Every `env` object in a parsed JSON value. */
  function envObjects(value: unknown): Record<string, unknown>[] {
    if (Array.isArray(value)) return value.flatMap(envObjects);
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, child]) =>
      key === 'env' && child !== null && typeof child === 'object' && !Array.isArray(child)
        ? [child as Record<string, unknown>, ...envObjects(child)]
        : envObjects(child),
    );
  }

  /** Every `args` array in a parsed JSON value. */
  function argsArrays(value: unknown): unknown[][] {
    if (Array.isArray(value)) return value.flatMap(argsArrays);
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, child]) =>
      key === 'args' && Array.isArray(child) ? [child] : argsArrays(child),
    );
  }

  /** The flags written after `@infisical/mcp` or `@infisical/mcp-http` on a command line. */
  function commandLineFlags(text: string): { app: AppName; flag: string }[] {
    const joined = text.replace(/\\\n\s*/g, ' ');
    const found: { app: AppName; flag: string }[] = [];
    for (const match of joined.matchAll(
      /@infisical\/mcp(-http)?(?:@[\w.-]+)?((?:[ \t]+[^\s`|;&#"]+)*)/g,
    )) {
      const app: AppName = match[1] ? '@infisical/mcp-http' : '@infisical/mcp';
      for (const token of (match[2] ?? '').trim().split(/[ \t]+/)) {
        if (token.startsWith('-')) found.push({ app, flag: token.split('=')[0] as string });
      }
    }
    return found;
  }

  it('has the index and one page per client, all linked from the index', () => {
    const files = readdirSync(DOCS);
    expect(files).toContain('README.md');
    const index = read('README.md');
    for (const page of PAGES) {
      expect(files).toContain(page);
      expect(index, `README.md links ${page}`).toContain(`](${page})`);
    }
  });

  it.each(PAGES)('%s: every JSON block parses, and there is a --sandbox variant', (page) => {
    const text = read(page);
    expect(blocks(text).length, `${page} has code blocks`).toBeGreaterThan(0);
    expect(() => jsonBlocks(page)).not.toThrow();
    expect(text).toContain('--sandbox');
  });

  it.each(ALL)('%s: names only environment variables the apps accept', (page) => {
    const text = read(page);
    for (const name of text.match(/\bINFISICAL_[A-Z0-9_]+\b/g) ?? []) {
      expect(accepted, `${page} names ${name}`).toContain(name);
    }
    for (const env of jsonBlocks(page).flatMap(envObjects)) {
      for (const [name, value] of Object.entries(env)) {
        if (!name.startsWith('INFISICAL_')) {
          expect(FOREIGN_VARIABLES[page] ?? [], `${page} sets ${name}`).toContain(name);
          continue;
        }
        expect(accepted, `${page} sets ${name}`).toContain(name);
        expect(value, `${page} ${name}`).toBeTypeOf('string');
      }
    }
  });

  it.each(ALL)('%s: shows placeholders, never secret values', (page) => {
    const placeholder = /^(<[^<>]+>|\$\{[^}]+\}|YOUR_[A-Z_]+)$/;
    for (const env of jsonBlocks(page).flatMap(envObjects)) {
      for (const name of SECRET_VARIABLES) {
        if (env[name] !== undefined) expect(env[name], `${page} ${name}`).toMatch(placeholder);
      }
    }
    for (const match of read(page).matchAll(
      /\b(INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET|INFISICAL_TOKEN)=([^\s`'"]+)/g,
    )) {
      expect(match[2], `${page} ${match[1]}`).toMatch(placeholder);
    }
  });

  it.each(ALL)('%s: passes the apps only flags they accept', (page) => {
    const text = read(page);
    const flags = commandLineFlags(text);
    for (const args of jsonBlocks(page).flatMap(argsArrays)) {
      const at = args.findIndex(
        (arg) => typeof arg === 'string' && /^@infisical\/mcp(-http)?(@|$)/.test(arg),
      );
      if (at === -1) continue;
      const app: AppName = String(args[at]).startsWith('@infisical/mcp-http')
        ? '@infisical/mcp-http'
        : '@infisical/mcp';
      for (const arg of args.slice(at + 1)) {
        if (typeof arg === 'string' && arg.startsWith('-'))
          flags.push({ app, flag: arg.split('=')[0] as string });
      }
    }
    for (const { app, flag } of flags)
      expect(help[app].flags, `${page}: ${app} ${flag}`).toContain(flag);
  });

  it.each(ALL)('%s: declares every ${input:...} it uses', (page) => {
    for (const block of jsonBlocks(page)) {
      const text = JSON.stringify(block);
      const declared = new Set(
        ((block as { inputs?: { id?: string }[] }).inputs ?? []).map((input) => input.id),
      );
      for (const match of text.matchAll(/\$\{input:([^}]+)\}/g)) {
        expect(declared, `${page} uses \${input:${match[1]}}`).toContain(match[1]);
      }
    }
  });
});
