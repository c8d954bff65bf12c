/**
 * Packs every publishable package as a release would (`pnpm pack` turns `workspace:*` into
 * versions), installs the tarballs with npm into an empty directory outside the workspace, and
 * uses them there as users do: the bins npm linked (what `npx @infisical/mcp` runs), import() for
 * the libraries, tsc for the types. Every child runs on the Node running this test.
 *
 * The packages must be built first. Turbo sees to it: they are this package's devDependencies
 * and the `test` task depends on `^build`.
 */

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jsonObject,
  type LongRunningProcess,
  nodeFirstPath,
  run,
  startUntilReady,
  userEnvironment,
} from './support/processes.js';
import {
  PUBLISHABLE_PACKAGES,
  type PublishablePackage,
  pinnedPnpm,
  pinnedPnpmVersion,
  REPO_ROOT,
  REPOSITORY_URL,
  readRepoJson,
} from './support/publishable-packages.js';

interface PackedManifest {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  license?: string;
  repository?: { type?: string; url?: string; directory?: string };
  type?: string;
  engines?: Record<string, string>;
  bin?: Record<string, string>;
  exports?: Record<string, Record<string, string> | string>;
  main?: string;
  types?: string;
  files?: string[];
  sideEffects?: boolean;
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface PackedPackage extends PublishablePackage {
  tarball: string;
  /** The tarball's `package/` directory, extracted. */
  root: string;
  /** Paths inside the tarball, relative to `package/`. */
  files: string[];
  manifest: PackedManifest;
}

interface SandboxReady {
  url: string;
  clientId: string;
  clientSecret: string;
  projectId: string;
}

const LIBRARIES = PUBLISHABLE_PACKAGES.filter((pkg) => pkg.kind === 'library');
const workspaceRequire = createRequire(import.meta.url);

let workDir: string;
/** The "user's project": an empty directory into which npm installed every tarball. */
let appDir: string;
/**
 * Where npm installed only the two apps' tarballs, as `npx @infisical/mcp` does for a user:
 * nothing else is there to mask a module a bundle fails to include.
 */
let bundlesDir: string;
const packed = new Map<string, PackedPackage>();
let sandbox: LongRunningProcess | undefined;
let sandboxReady: SandboxReady;
let infisicalEnvironment: Record<string, string>;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'infisical-mcp-packaging-'));
  const tarballDir = join(workDir, 'tarballs');
  appDir = join(workDir, 'app');
  bundlesDir = join(workDir, 'bundles-only');
  await mkdir(tarballDir);
  await mkdir(appDir);
  await mkdir(bundlesDir);

  await timed('pnpm pack (6 packages)', async () => {
    // Once first: when npx has to fetch pnpm, parallel runs could race while filling its cache.
    const pnpm = pinnedPnpm();
    const { stdout } = await run(pnpm.command, [...pnpm.args, '--version'], { cwd: workDir });
    expect(stdout.trim()).toBe(pinnedPnpmVersion());
    const tarballs = await Promise.all(PUBLISHABLE_PACKAGES.map((pkg) => pack(pkg, tarballDir)));
    for (const tarball of tarballs) packed.set(tarball.name, tarball);
  });

  await timed('npm install (tarballs + registry dependencies)', () =>
    npmInstall(appDir, [...packed.values()]),
  );
  await timed('npm install (app tarballs only)', () =>
    npmInstall(
      bundlesDir,
      [...packed.values()].filter((pkg) => pkg.kind === 'app'),
    ),
  );

  const started = await timed('sandbox start (installed bin)', () =>
    startUntilReady(
      installedBin(appDir, 'infisical-mcp-sandbox'),
      ['--port', '0'],
      { cwd: appDir, env: userEnvironment() },
      (line) => {
        const ready = jsonObject(line);
        return typeof ready?.url === 'string' ? (ready as unknown as SandboxReady) : undefined;
      },
    ),
  );
  sandbox = started.server;
  sandboxReady = started.ready;
  infisicalEnvironment = {
    INFISICAL_HOST_URL: sandboxReady.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandboxReady.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandboxReady.clientSecret,
    INFISICAL_MCP_LOG_LEVEL: 'warn',
  };
  // Alone it takes about a minute; with every other suite running on two cores (CI), the packs
  // and installs have been seen past 150 s.
}, 300_000);

afterAll(async () => {
  await sandbox?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  process.stderr.write(`packaging timings (ms): ${JSON.stringify(timings)}\n`);
});

async function pack(pkg: PublishablePackage, tarballDir: string): Promise<PackedPackage> {
  const pnpm = pinnedPnpm();
  const { stdout } = await run(
    pnpm.command,
    [...pnpm.args, 'pack', '--pack-destination', tarballDir, '--json'],
    { cwd: join(REPO_ROOT, pkg.directory) },
  );
  const { filename } = JSON.parse(stdout) as { filename: string };
  const extracted = join(tarballDir, `${pkg.name.replace('@', '').replace('/', '-')}-unpacked`);
  await mkdir(extracted);
  await run('tar', ['-xzf', filename, '-C', extracted], { cwd: tarballDir });
  const root = join(extracted, 'package');
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as PackedManifest;
  return { ...pkg, tarball: filename, root, files, manifest };
}

async function npmInstall(directory: string, packages: PackedPackage[]): Promise<void> {
  await writeFile(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: 'packaging-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...packages.map((pkg) => pkg.tarball),
    ],
    { cwd: directory, timeoutMs: 100_000 },
  );
}

/**
 * A bin as npm linked it: run directly, its `#!/usr/bin/env node` line finds the Node under
 * test first on the PATH (see `nodeFirstPath`).
 */
function installedBin(directory: string, bin: string): string {
  return join(directory, 'node_modules', '.bin', bin);
}

function packedPackage(name: string): PackedPackage {
  const pkg = packed.get(name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg;
}

/** Bare specifiers the ESM files import statically or dynamically (comments excluded). */
function importedPackages(source: string): Set<string> {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] as string);
  const packages = specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('/'))
    .map((specifier) => {
      const parts = specifier.split('/');
      return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
    });
  return new Set(packages);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

/**
 * What every server under test must do against the sandbox: say who it is, list the tools,
 * and answer list-projects and get-secret with the sandbox's data.
 */
async function exerciseServer(
  transport: Transport,
  expectedServer: { name: string; version: string },
) {
  const client = new Client({ name: 'packaging-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    expect(client.getServerVersion()).toMatchObject(expectedServer);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['list-projects', 'get-secret']),
    );

    const projects = (await client.callTool({
      name: 'list-projects',
      arguments: {},
    })) as CallToolResult;
    expect(projects.isError, textOf(projects)).toBeFalsy();
    expect(projects.structuredContent).toMatchObject({
      projects: expect.arrayContaining([expect.objectContaining({ id: sandboxReady.projectId })]),
    });

    const admin = new SandboxAdminClient(sandboxReady.url);
    const apiKey = (await admin.secrets(sandboxReady.projectId, 'dev')).find(
      (secret) => secret.key === 'API_KEY' && secret.path === '/',
    );
    expect(apiKey?.value).toBeTruthy();
    const secret = (await client.callTool({
      name: 'get-secret',
      arguments: {
        projectId: sandboxReady.projectId,
        environmentSlug: 'dev',
        secretName: 'API_KEY',
      },
    })) as CallToolResult;
    expect(secret.isError, textOf(secret)).toBeFalsy();
    expect(secret.structuredContent).toMatchObject({
      secret: { secretKey: 'API_KEY', secretValue: apiKey?.value },
    });
  } finally {
    await client.close();
  }
}

describe('what gets published', () => {
  it('is exactly the six packages of the changesets fixed group; everything else is private', async () => {
    const workspaceDirectories = ['packages', 'apps', 'examples', 'tests'];
    const manifests: { name: string; private?: boolean }[] = [readRepoJson('bench/package.json')];
    for (const parent of workspaceDirectories) {
      for (const entry of await readdir(join(REPO_ROOT, parent), { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        try {
          manifests.push(readRepoJson(`${parent}/${entry.name}/package.json`));
        } catch {
          // not a package
        }
      }
    }
    const published = manifests.filter((manifest) => !manifest.private).map((m) => m.name);
    const expected = PUBLISHABLE_PACKAGES.map((pkg) => pkg.name);
    expect(published.sort()).toEqual([...expected].sort());

    const changesets = readRepoJson<{ fixed: string[][] }>('.changeset/config.json');
    expect(changesets.fixed).toHaveLength(1);
    expect([...(changesets.fixed[0] ?? [])].sort()).toEqual([...expected].sort());
  });

  it.each(PUBLISHABLE_PACKAGES)(
    '$name: the tarball holds dist/, README.md, LICENSE, package.json and (once versioned) CHANGELOG.md, nothing else',
    async ({ name }) => {
      const pkg = packedPackage(name);
      const unexpected = pkg.files.filter(
        (file) =>
          !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file) &&
          !file.startsWith('dist/'),
      );
      expect(unexpected).toEqual([]);
      expect(pkg.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
      expect(pkg.files.some((file) => file.startsWith('dist/') && file.endsWith('.js'))).toBe(true);
      expect(pkg.files.filter((file) => /\.test\.|(^|\/)(src|test|tests)\//.test(file))).toEqual(
        [],
      );

      const license = await readFile(join(pkg.root, 'LICENSE'), 'utf8');
      expect(license).toBe(await readFile(join(REPO_ROOT, 'LICENSE'), 'utf8'));
      expect(license.trimStart().startsWith('Apache License')).toBe(true);
      const readme = await readFile(join(pkg.root, 'README.md'), 'utf8');
      expect(readme.startsWith(`# ${name}\n`)).toBe(true);
      expect(readme).toContain(`${REPOSITORY_URL}#readme`);
    },
  );

  it('the published sandbox carries no test tooling: the leak scan, the tool exercise and the admin client live in the private test kit', async () => {
    const pkg = packedPackage('@infisical/mcp-sandbox');
    const code = await Promise.all(
      pkg.files
        .filter((file) => file.endsWith('.js') || file.endsWith('.d.ts'))
        .map((file) => readFile(join(pkg.root, file), 'utf8')),
    );
    for (const name of ['exerciseEveryTool', 'SandboxAdminClient', 'findLeaks', 'Needles']) {
      expect(code.join('\n')).not.toContain(name);
    }
  });

  it.each(PUBLISHABLE_PACKAGES)(
    '$name: dist/THIRD_PARTY_NOTICES.md names every third-party package bundled in dist/, with its licence',
    async ({ name, kind }) => {
      const pkg = packedPackage(name);
      expect(pkg.files).toContain('dist/THIRD_PARTY_NOTICES.md');
      const notices = await readFile(join(pkg.root, 'dist/THIRD_PARTY_NOTICES.md'), 'utf8');
      // esbuild heads each bundled module with a comment giving its path: the bundle's own list.
      const bundled = new Set<string>();
      for (const file of pkg.files.filter((path) => path.endsWith('.js'))) {
        const source = await readFile(join(pkg.root, file), 'utf8');
        for (const [, dependency] of source.matchAll(
          /^\/\/ \S*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//gm,
        )) {
          bundled.add(dependency as string);
        }
      }
      const listed = new Set(
        [...notices.matchAll(/^\| `([^`]+)` \| [^|]+ \| ([^|]+) \|$/gm)].map(
          ([, listedName, licence]) => {
            expect(licence?.trim(), listedName).toMatch(/^[\w.()\- ]+$/);
            return listedName as string;
          },
        ),
      );
      expect([...listed].sort()).toEqual([...bundled].sort());
      // The apps bundle everything; the libraries leave their dependencies to npm.
      if (kind === 'app') expect(bundled.size).toBeGreaterThan(30);
      else expect(bundled.size).toBe(0);
      for (const dependency of listed) expect(notices).toContain(`## ${dependency} `);
    },
  );

  it.each(PUBLISHABLE_PACKAGES)(
    '$name: the manifest is complete and has no workspace: ranges',
    async ({ name, directory, kind, bins }) => {
      const pkg = packedPackage(name);
      const { manifest } = pkg;
      expect(JSON.stringify(manifest)).not.toContain('workspace:');
      expect(manifest.version).toBe(
        readRepoJson<{ version: string }>(`${directory}/package.json`).version,
      );
      expect(manifest).toMatchObject({
        license: 'Apache-2.0',
        type: 'module',
        engines: { node: '>=20' },
        repository: { type: 'git', url: REPOSITORY_URL, directory },
        publishConfig: { access: 'public' },
      });
      expect(manifest.description).toBeTruthy();
      expect(manifest.keywords?.length).toBeGreaterThan(0);
      // changesets writes CHANGELOG.md at `version-packages`; listing it ships it with the release.
      expect([...(manifest.files ?? [])].sort()).toEqual([
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist',
      ]);

      expect(Object.keys(manifest.bin ?? {})).toEqual(bins);
      for (const target of Object.values(manifest.bin ?? {})) {
        const file = target.replace(/^\.\//, '');
        expect(pkg.files).toContain(file);
        expect(await readFile(join(pkg.root, file), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
      }

      const distSources = await Promise.all(
        pkg.files
          .filter((file) => file.endsWith('.js'))
          .map((file) => readFile(join(pkg.root, file), 'utf8')),
      );
      const imported = new Set(distSources.flatMap((source) => [...importedPackages(source)]));
      const external = [...imported].filter((specifier) => !isBuiltin(specifier)).sort();

      if (kind === 'library') {
        const entry = manifest.exports?.['.'];
        expect(typeof entry).toBe('object');
        const conditions = entry as Record<string, string>;
        // TypeScript takes the first matching condition: `types` must come first.
        expect(Object.keys(conditions)[0]).toBe('types');
        for (const target of [
          conditions.types,
          conditions.default,
          manifest.main,
          manifest.types,
        ]) {
          expect(pkg.files).toContain(target?.replace(/^\.\//, ''));
        }
        expect(manifest.sideEffects).toBe(false);
        // Everything the code imports is declared, or it would resolve only by hoisting luck.
        const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
        expect(external.filter((dependency) => !declared.includes(dependency))).toEqual([]);
      } else {
        // The apps ship one self-contained bundle: no dependency to install, nothing imported.
        expect(manifest.dependencies).toBeUndefined();
        expect(manifest.peerDependencies).toBeUndefined();
        expect(manifest.optionalDependencies).toBeUndefined();
        expect(external).toEqual([]);
        expect(Object.keys(manifest.exports ?? {})).toEqual(['./package.json']);
      }
    },
  );
});

describe('installed from the tarballs with npm, outside the workspace', () => {
  it('every library loads with import() and offers its main API', async () => {
    const script = join(appDir, 'import-libraries.mjs');
    await writeFile(
      script,
      `const report = {};
for (const name of ${JSON.stringify(LIBRARIES.map((pkg) => pkg.name))}) {
  const exports = await import(name);
  report[name] = Object.fromEntries(Object.entries(exports).map(([key, value]) => [key, typeof value]));
}
process.stdout.write(JSON.stringify(report));
`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: appDir });
    const report = JSON.parse(stdout) as Record<string, Record<string, string>>;
    expect(report['@infisical/mcp-core']).toMatchObject({
      createInfisicalMcpServer: 'function',
      createInfisicalClient: 'function',
      readInfisicalEnv: 'function',
      defineTool: 'function',
      allTools: 'object',
    });
    expect(report['@infisical/mcp-transport-stdio']).toMatchObject({ serveStdio: 'function' });
    expect(report['@infisical/mcp-transport-http']).toMatchObject({
      createHttpServer: 'function',
      mcpHttpPlugin: 'function',
    });
    expect(report['@infisical/mcp-sandbox']).toMatchObject({
      startSandbox: 'function',
      buildSandboxApp: 'function',
    });
    // The test tooling lives in the private test kit.
    expect(report['@infisical/mcp-sandbox']).not.toHaveProperty('SandboxAdminClient');
  });

  it('TypeScript resolves every declaration file, and the README examples compile', async () => {
    const typecheckDir = join(appDir, 'typecheck');
    await mkdir(typecheckDir);
    await writeFile(join(typecheckDir, 'package.json'), '{ "type": "module" }\n');
    const nodeTypes = dirname(dirname(workspaceRequire.resolve('@types/node/package.json')));
    await writeFile(
      join(typecheckDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          // Third-party declarations are not ours to check; ours are probed below instead.
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [nodeTypes],
        },
        include: ['*.ts'],
      }),
    );

    // Each probe fails to compile if a type it needs fell back to `any`, e.g. because a
    // declaration file imports a module whose types are not installed with the package.
    await writeFile(
      join(typecheckDir, 'probe-declarations.ts'),
      `import { createInfisicalMcpServer, defaultPolicy } from '@infisical/mcp-core';
import { buildSandboxApp } from '@infisical/mcp-sandbox';
import { createHttpServer, WebSocketServerTransport } from '@infisical/mcp-transport-http';
import { serveStdio } from '@infisical/mcp-transport-stdio';

const server = createInfisicalMcpServer({
  infisical: { auth: { method: 'access-token', accessToken: 't' } },
  policy: defaultPolicy(),
});
// @ts-expect-error the policy is required: a library user cannot drop it
createInfisicalMcpServer({ infisical: { auth: { method: 'access-token', accessToken: 't' } } });
// @ts-expect-error the SDK's Server type: connect() takes a Transport
void server.connect('not a transport');
// @ts-expect-error ws's WebSocket type: the transport wraps a socket
new WebSocketServerTransport('not a socket', 1000);
// @ts-expect-error fastify's types: inject() takes a URL or options
void buildSandboxApp().app.inject(42);
// @ts-expect-error the options are typed
void serveStdio(server, { maxMessageBytes: 'big' });
// @ts-expect-error createMcpServer is required
void createHttpServer({ describe: () => ({ name: 'n', version: '1' }) });
`,
    );

    let examples = 0;
    for (const pkg of PUBLISHABLE_PACKAGES) {
      const readme = await readFile(join(appDir, 'node_modules', pkg.name, 'README.md'), 'utf8');
      for (const [index, match] of [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].entries()) {
        const file = `readme-${pkg.name.replace('@infisical/', '')}-${index + 1}.ts`;
        await writeFile(join(typecheckDir, file), match[1] as string);
        examples++;
      }
    }
    expect(examples).toBeGreaterThanOrEqual(LIBRARIES.length);

    await timed('tsc (declarations + README examples)', () =>
      run(process.execPath, [workspaceRequire.resolve('typescript/bin/tsc'), '-p', typecheckDir], {
        cwd: typecheckDir,
      }),
    );
  });

  it('a server built from the installed core and transport-stdio answers over stdio', async () => {
    const script = join(appDir, 'library-stdio-server.mjs');
    await writeFile(
      script,
      `import { createInfisicalMcpServer, readServerEnv } from '@infisical/mcp-core';
import { serveStdio } from '@infisical/mcp-transport-stdio';

const env = readServerEnv(process.env);
const server = createInfisicalMcpServer({
  infisical: env.connection,
  policy: env.policy,
  serverInfo: { name: 'library-stdio-server', version: '0.0.0' },
});
const connection = await serveStdio(server);
await connection.closed;
`,
    );
    await exerciseServer(
      new StdioClientTransport({
        command: process.execPath,
        args: [script],
        cwd: appDir,
        env: infisicalEnvironment,
        stderr: 'pipe',
      }),
      { name: 'library-stdio-server', version: '0.0.0' },
    );
  });

  it('a server built from the installed core and transport-http answers over Streamable HTTP', async () => {
    const script = join(appDir, 'library-http-server.mjs');
    await writeFile(
      script,
      `import { createInfisicalMcpServer, readServerEnv } from '@infisical/mcp-core';
import { createHttpServer } from '@infisical/mcp-transport-http';

const { connection, policy } = readServerEnv(process.env);
const serverInfo = { name: 'library-http-server', version: '0.0.0' };
const http = await createHttpServer({
  createMcpServer: () => createInfisicalMcpServer({ infisical: connection, policy, serverInfo }),
  describe: () => serverInfo,
  port: 0,
  websocketPort: null,
});
const { url } = await http.listen();
process.once('SIGTERM', () => void http.close().then(() => process.exit(0)));
process.stdout.write(\`\${JSON.stringify({ url })}\\n\`);
`,
    );
    const { server, ready } = await startUntilReady(
      process.execPath,
      [script],
      { cwd: appDir, env: userEnvironment(infisicalEnvironment) },
      (line) => jsonObject(line)?.url as string | undefined,
    );
    try {
      await exerciseServer(new StreamableHTTPClientTransport(new URL(`${ready}/mcp`)), {
        name: 'library-http-server',
        version: '0.0.0',
      });
    } finally {
      await server.stop();
    }
  });

  it('the apps install alone: their tarballs bring no dependency', async () => {
    const nodeModules = join(bundlesDir, 'node_modules');
    const topLevel = (await readdir(nodeModules)).filter((entry) => !entry.startsWith('.'));
    expect(topLevel).toEqual(['@infisical']);
    expect((await readdir(join(nodeModules, '@infisical'))).sort()).toEqual(['mcp', 'mcp-http']);
  });

  it('the infisical-mcp bin npm linked (what npx @infisical/mcp runs) serves over stdio', async () => {
    const { version } = packedPackage('@infisical/mcp').manifest;
    let stderr = '';
    const transport = new StdioClientTransport({
      command: installedBin(bundlesDir, 'infisical-mcp'),
      args: [],
      cwd: bundlesDir,
      // What an MCP client passes (the SDK adds HOME, PATH, SHELL, TERM, USER), with the PATH
      // that finds the Node under test.
      env: { ...infisicalEnvironment, PATH: nodeFirstPath() },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    await timed('infisical-mcp session', () =>
      exerciseServer(transport, { name: 'infisical-mcp', version }),
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nserver stderr:\n${stderr}`);
    });
  });

  it('the infisical-mcp-http bin npm linked (what npx @infisical/mcp-http runs) serves over Streamable HTTP', async () => {
    const { version } = packedPackage('@infisical/mcp-http').manifest;
    const { server, ready } = await startUntilReady(
      installedBin(bundlesDir, 'infisical-mcp-http'),
      ['--port', '0', '--ws-port', '0'],
      {
        cwd: bundlesDir,
        env: userEnvironment({ ...infisicalEnvironment, INFISICAL_MCP_LOG_LEVEL: 'info' }),
      },
      (line) => {
        const log = jsonObject(line);
        return log?.msg === 'Infisical MCP HTTP server listening' ? (log.mcp as string) : undefined;
      },
    );
    try {
      await timed('infisical-mcp-http session', () =>
        exerciseServer(new StreamableHTTPClientTransport(new URL(ready)), {
          name: 'infisical-mcp',
          version,
        }),
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\nserver output:\n${server.output()}`);
      });
    } finally {
      await server.stop();
    }
  });
});
