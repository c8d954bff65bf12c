// Issue 18's simplicity targets, read from the sources: how many lines the Streamable HTTP and
// session code takes against the 1,337 it took when the issue was filed, what each of those lines
// is for, how much of the SDK's Streamable HTTP transport the old design ran and ours no longer
// does, and whether any source reaches into another object's private (underscore) members, as the
// SDK restore once did.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const TRANSPORT_HTTP = join(REPOSITORY, 'packages/transport-http');
const TRANSPORT_HTTP_SOURCES = join(TRANSPORT_HTTP, 'src');
const SESSION_DIRECTORIES = ['streamable', 'sessions'].map((name) =>
  join(TRANSPORT_HTTP_SOURCES, name),
);
/** `wc -l` of streamable/ and sessions/ when issue 18 was filed. */
export const SESSION_LINES_AT_ISSUE = 1337;

export const RESPONSIBILITY = {
  sdkTransport: 'session transport replacing the SDK’s',
  serverFromRecord: 'server built from the record',
  resumption: 'resumption / event store',
  recordStore: 'record store',
  caps: 'session caps (LRU eviction)',
  seedPromises: 'plain JSON-RPC POSTs and discovery (seed promises)',
  shared: 'shared with WebSocket and legacy SSE',
  routes: 'routes',
};

/**
 * What each file of streamable/ and sessions/ is there for, by path under transport-http's src/.
 * A file is counted whole under one responsibility; a new or renamed file fails the section
 * until it is placed here.
 */
export const SESSION_FILE_RESPONSIBILITIES = {
  'streamable/session-transport.ts': RESPONSIBILITY.sdkTransport,
  'streamable/post-exchange.ts': RESPONSIBILITY.sdkTransport,
  'sessions/streamable-session-server.ts': RESPONSIBILITY.serverFromRecord,
  'streamable/bounded-event-store.ts': RESPONSIBILITY.resumption,
  'streamable/relayed-event-stream.ts': RESPONSIBILITY.resumption,
  'sessions/local-session-relay.ts': RESPONSIBILITY.resumption,
  'sessions/session-store.ts': RESPONSIBILITY.recordStore,
  'sessions/memory-session-store.ts': RESPONSIBILITY.recordStore,
  'sessions/create-session-store.ts': RESPONSIBILITY.recordStore,
  'streamable/session-records.ts': RESPONSIBILITY.recordStore,
  'sessions/end-session.ts': RESPONSIBILITY.recordStore,
  'sessions/streamable-sessions.ts': RESPONSIBILITY.caps,
  'streamable/plain-json-rpc.ts': RESPONSIBILITY.seedPromises,
  'streamable/discovery-document.ts': RESPONSIBILITY.seedPromises,
  'sessions/session-registry.ts': RESPONSIBILITY.shared,
  'sessions/open-session.ts': RESPONSIBILITY.shared,
  'sessions/session-owner.ts': RESPONSIBILITY.shared,
  'streamable/streamable-http-routes.ts': RESPONSIBILITY.routes,
};

/**
 * The SDK's Streamable HTTP transport, which served every session before the record design:
 * the module our code imported, and the web-standard transport it wraps since SDK 1.2x.
 */
export const SDK_TRANSPORT_MODULES = [
  '@modelcontextprotocol/sdk/server/streamableHttp.js',
  '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js',
];

function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.[cm]?ts$/.test(entry.name) ? [path] : [];
  });
}

/** Lines that are neither blank nor only a comment. */
function codeLines(text) {
  return text.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !/^(\/\/|\/\*|\*)/.test(trimmed);
  }).length;
}

/** Lines, the last counted whether or not a newline ends it (`wc -l` counts newlines). */
function lineCount(text) {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function measureFile(path, root) {
  const text = readFileSync(path, 'utf8');
  return { file: relative(root, path), lines: lineCount(text), codeLines: codeLines(text) };
}

/** `.<underscore name>` outside MCP's own `_meta`, as packages/core's no-private-members test reads it. */
function privateMemberAccesses(text) {
  return [...text.matchAll(/\.\s*_[A-Za-z]\w*/g)].filter((match) => !/^\.\s*_meta\b/.test(match[0]))
    .length;
}

/**
 * Lines per responsibility, largest first. Throws when a file has no responsibility in `table`,
 * or `table` names a file that is gone, so the table cannot drift from the sources.
 * `files` carry `source`, their path under transport-http's src/.
 */
export function linesByResponsibility(files, table = SESSION_FILE_RESPONSIBILITIES) {
  const unclassified = files.filter((file) => !table[file.source]).map((file) => file.source);
  if (unclassified.length > 0) {
    throw new Error(
      `session-code: no responsibility for ${unclassified.join(', ')}: add each to SESSION_FILE_RESPONSIBILITIES in bench/src/sections/session-code.mjs`,
    );
  }
  const present = new Set(files.map((file) => file.source));
  const gone = Object.keys(table).filter((source) => !present.has(source));
  if (gone.length > 0) {
    throw new Error(
      `session-code: SESSION_FILE_RESPONSIBILITIES names files that are gone: ${gone.join(', ')}`,
    );
  }
  const groups = new Map();
  for (const file of files) {
    const responsibility = table[file.source];
    const group = groups.get(responsibility) ?? {
      responsibility,
      lines: 0,
      codeLines: 0,
      files: [],
    };
    group.lines += file.lines;
    group.codeLines += file.codeLines;
    group.files.push(file.source);
    groups.set(responsibility, group);
  }
  return [...groups.values()].sort((a, b) => b.lines - a.lines);
}

/** The files Node resolves the SDK transport's modules to, as packages/transport-http imports them. */
function resolveFromTransportHttp(specifiers) {
  const script = `process.stdout.write(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => import.meta.resolve(s))))`;
  const urls = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: TRANSPORT_HTTP,
      encoding: 'utf8',
    }),
  );
  return urls.map((url) => fileURLToPath(url));
}

function packageRootOf(path, name) {
  for (let directory = dirname(path); directory !== dirname(directory); ) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8'));
      if (json.name === name) return { directory, version: json.version };
    }
    directory = dirname(directory);
  }
  throw new Error(`session-code: no ${name} package above ${path}`);
}

/** What the SDK's Streamable HTTP transport weighs, and which of our sources still import it. */
function measureSdkTransport(shippedSources) {
  const paths = resolveFromTransportHttp(SDK_TRANSPORT_MODULES);
  const sdk = packageRootOf(paths[0], '@modelcontextprotocol/sdk');
  const files = paths.map((path) => measureFile(path, sdk.directory));
  const importPattern = new RegExp(
    `from\\s+['"](${SDK_TRANSPORT_MODULES.map((s) => s.replaceAll('.', '\\.')).join('|')})['"]`,
  );
  return {
    package: '@modelcontextprotocol/sdk',
    version: sdk.version,
    files,
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    codeLines: files.reduce((sum, file) => sum + file.codeLines, 0),
    importedBy: shippedSources
      .filter((path) => importPattern.test(readFileSync(path, 'utf8')))
      .map((path) => relative(REPOSITORY, path)),
  };
}

export function measureSessionCode() {
  const files = SESSION_DIRECTORIES.flatMap(filesUnder).map((path) => ({
    ...measureFile(path, REPOSITORY),
    source: relative(TRANSPORT_HTTP_SOURCES, path),
  }));
  const responsibilities = linesByResponsibility(files);
  const shipped = ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(REPOSITORY, group)).flatMap((project) => {
      try {
        return filesUnder(join(REPOSITORY, group, project, 'src'));
      } catch {
        return [];
      }
    }),
  );
  return {
    linesAtIssue: SESSION_LINES_AT_ISSUE,
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    codeLines: files.reduce((sum, file) => sum + file.codeLines, 0),
    files: files
      .map((file) => ({ ...file, responsibility: SESSION_FILE_RESPONSIBILITIES[file.source] }))
      .sort((a, b) => b.lines - a.lines),
    responsibilities,
    sdkTransport: measureSdkTransport(shipped),
    sourceFilesScanned: shipped.length,
    privateMemberAccesses: shipped.reduce(
      (sum, path) => sum + privateMemberAccesses(readFileSync(path, 'utf8')),
      0,
    ),
  };
}
