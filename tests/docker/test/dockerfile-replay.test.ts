/**
 * docker/Dockerfile, built and run without a Docker engine: its steps replayed on the host in a
 * temporary directory from a clean clone's files (see support/replay.ts for what is replayed and
 * what is skipped, and why), then its runtime command started as `docker run` would start it.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CORE_TOOL_NAMES } from '@infisical/mcp-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompose } from './support/compose.js';
import { imageConfigOf, parseDockerfile } from './support/dockerfile.js';
import {
  type ReplayedImage,
  replayDockerfile,
  runHealthcheck,
  spawnInContainer,
} from './support/replay.js';
import {
  COMPOSE_PATH,
  DOCKERFILE_PATH,
  DOCKERIGNORE_PATH,
  REPO_ROOT,
  workspaceBin,
} from './support/workspace.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = CORE_TOOL_NAMES.size;

const dockerfileText = readFileSync(DOCKERFILE_PATH, 'utf8');
let workDirectory: string | undefined;
let image: ReplayedImage;
const startedProcesses: ChildProcess[] = [];

beforeAll(async () => {
  workDirectory = mkdtempSync(join(tmpdir(), 'infisical-mcp-docker-replay-'));
  image = await replayDockerfile({
    dockerfileText,
    dockerignoreText: readFileSync(DOCKERIGNORE_PATH, 'utf8'),
    repoRoot: REPO_ROOT,
    workDirectory,
  });
}, 600_000);

afterAll(() => {
  for (const child of startedProcesses) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
});

describe('docker/Dockerfile replayed', () => {
  it('sends a build context without the host’s node_modules, dist or .git', () => {
    expect(image.contextFiles).toContain('pnpm-lock.yaml');
    expect(image.contextFiles).toContain('apps/mcp-http/src/main.ts');
    const leaked = image.contextFiles.filter((path) =>
      /(^|\/)(node_modules|dist|\.git|\.turbo)\//.test(path),
    );
    expect(leaked).toEqual([]);
  });

  it('leaves the runtime stage with the two bundles and their package.json, and no node_modules', () => {
    const files = filesUnder(image.runtime.rootfs);
    expect(files).toEqual(
      expect.arrayContaining([
        'app/http/main.js',
        'app/http/package.json',
        'app/stdio/main.js',
        'app/stdio/package.json',
      ]),
    );
    expect(files.filter((path) => !/^app\/(http|stdio)\/[^/]+$/.test(path))).toEqual([]);
    // Node would resolve bare imports from a node_modules above the stage: there must be none,
    // or the servers' self-containment would go unproven.
    for (let directory = image.runtime.rootfs; ; directory = dirname(directory)) {
      expect(existsSync(join(directory, 'node_modules')), directory).toBe(false);
      if (dirname(directory) === directory) break;
    }
  });

  it('fails its HEALTHCHECK while nothing listens', async () => {
    const port = await freePort();
    expect(await runHealthcheck(image.runtime, { INFISICAL_MCP_PORT: String(port) })).not.toBe(0);
  });

  it('refuses to serve without client keys, the image defaulting to api-key auth', async () => {
    const { env } = await dockerRunSettings();
    const { INFISICAL_MCP_API_KEYS: _keys, ...withoutKeys } = env;
    await expect(startHttpServer(image.runtime.config.cmd, withoutKeys)).rejects.toThrow(
      /exited with 1 before \/health answered:[\s\S]*api-key needs keys/,
    );
  });

  it('serves /health from the default CMD on the sandbox, passes its HEALTHCHECK, and stops on SIGTERM', async () => {
    const ports = await dockerRunSettings();
    const server = await startHttpServer(image.runtime.config.cmd, ports.env);

    const health = await httpGet(ports.http, '/health', { host: '127.0.0.1' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      status: 'ok',
      version: workspaceBin('@infisical/mcp-http').version,
    });
    expect(await runHealthcheck(image.runtime, ports.env)).toBe(0);

    // The image's defaults: `curl -H "Authorization: Bearer $KEY" http://localhost:3333/mcp`
    // works; no key, or a Host name that is not allowed, does not.
    const authorization = `Bearer ${ports.apiKey}`;
    const localhost = `localhost:${ports.http}`;
    expect((await httpGet(ports.http, '/mcp', { host: localhost, authorization })).status).toBe(
      200,
    );
    expect((await httpGet(ports.http, '/mcp', { host: localhost })).status).toBe(401);
    expect(
      (await httpGet(ports.http, '/mcp', { host: 'attacker.example', authorization })).status,
    ).toBe(403);
    await expect(tcpConnects(ports.websocket)).resolves.toBe(true);
    if (process.getuid?.() === 0) {
      // As root the replay can honour USER node (uid 1000): the server needs no write access.
      expect(readFileSync(`/proc/${server.pid}/status`, 'utf8')).toMatch(/^Uid:\s+1000\s/m);
    }

    // `docker stop` sends SIGTERM to node as PID 1, where Node has no default handler: the
    // server must handle it itself and exit, or Docker waits 10 s and kills it.
    expect(await server.stop(), server.output()).toBe(0);
  });

  it('runs the stdio server with the compose override, answering initialize over stdio', async () => {
    const stdioService = readCompose(COMPOSE_PATH).find(
      (service) => service.name === 'infisical-mcp-stdio',
    );
    const command = stdioService?.command;
    expect(command).toBeDefined();
    const child = spawnInContainer(image.runtime, command ?? [], { INFISICAL_MCP_SANDBOX: 'true' });
    startedProcesses.push(child);
    const session = jsonRpcOverStdio(child);

    const initialized = await session.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'docker-replay', version: '1.0.0' },
    });
    expect(initialized).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { version: workspaceBin('@infisical/mcp').version },
    });
    session.notify('notifications/initialized');
    const listed = (await session.request('tools/list', {})) as { tools: unknown[] };
    expect(listed.tools).toHaveLength(TOOL_COUNT);

    // `docker run -i --rm` ends when the client closes stdin.
    child.stdin?.end();
    expect(await exitCodeOf(child), session.stderr()).toBe(0);
  });

  // The checks above must be able to fail: the same start, from a CMD naming a missing file.
  it('notices a CMD that points at a file the image does not have', async () => {
    const mutated = dockerfileText.replace(/^CMD\s.*$/m, (line) =>
      line.replace(/main\.js/, 'missing.js'),
    );
    expect(mutated).not.toBe(dockerfileText);
    const ports = await dockerRunSettings();
    await expect(startHttpServer(imageConfigOf(lastStage(mutated)).cmd, ports.env)).rejects.toThrow(
      /exited with 1 before \/health answered:[\s\S]*Cannot find module/,
    );
  });
});

function lastStage(text: string) {
  const stage = parseDockerfile(text).at(-1);
  if (!stage) throw new Error('no stage');
  return stage;
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/**
 * What a user passes with `docker run -e`: free ports instead of 3333 and 3334 (another process
 * on this machine may hold them), the sandbox (as a variable: arguments after the image name
 * would replace the CMD), and one API key, stored as its SHA-256.
 */
async function dockerRunSettings() {
  const http = await freePort();
  let websocket = await freePort();
  while (websocket === http) websocket = await freePort();
  const apiKey = randomBytes(32).toString('hex');
  const sha256 = createHash('sha256').update(apiKey).digest('hex');
  return {
    http,
    websocket,
    apiKey,
    env: {
      INFISICAL_MCP_PORT: String(http),
      INFISICAL_MCP_WS_PORT: String(websocket),
      INFISICAL_MCP_SANDBOX: 'true',
      INFISICAL_MCP_API_KEYS: JSON.stringify([{ id: 'docker-replay', sha256 }]),
    },
  };
}

interface RunningServer {
  pid: number | undefined;
  output(): string;
  stop(): Promise<number | null>;
}

async function startHttpServer(
  command: string[] | undefined,
  env: Record<string, string>,
): Promise<RunningServer> {
  if (!command) throw new Error('the image has no CMD');
  const child = spawnInContainer(image.runtime, command, env);
  startedProcesses.push(child);
  child.stdin?.end();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = exitCodeOf(child);
  const port = Number(env.INFISICAL_MCP_PORT ?? image.runtime.config.env.INFISICAL_MCP_PORT);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${command.join(' ')} exited with ${child.exitCode ?? child.signalCode} before /health answered:\n${output}`,
      );
    }
    const health = await httpGet(port, '/health', { host: '127.0.0.1' }).catch(() => undefined);
    if (health?.status === 200) {
      return {
        pid: child.pid,
        output: () => output,
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      };
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${command.join(' ')}: /health did not answer within 20 s:\n${output}`);
}

function exitCodeOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', reject);
  });
}

/** A GET to 127.0.0.1 with a chosen Host header, which fetch does not allow setting. */
function httpGet(
  port: number,
  path: string,
  headers: { host: string; authorization?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, path, headers, timeout: 5_000 },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`GET ${path}: timed out`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function tcpConnects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Newline-delimited JSON-RPC, as an MCP client speaks to a stdio server. */
function jsonRpcOverStdio(child: ChildProcess) {
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  let stdout = '';
  let stderr = '';
  let nextId = 1;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (let newline = stdout.indexOf('\n'); newline >= 0; newline = stdout.indexOf('\n')) {
      const line = stdout.slice(0, newline).trim();
      stdout = stdout.slice(newline + 1);
      if (!line) continue;
      const message = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown };
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting || message.id === undefined) continue;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(JSON.stringify(message.error)));
      else waiting.resolve(message.result);
    }
  });
  child.once('exit', (code) => {
    for (const waiting of pending.values()) {
      waiting.reject(new Error(`the server exited with ${code}:\n${stderr}`));
    }
    pending.clear();
  });
  const send = (message: object) => child.stdin?.write(`${JSON.stringify(message)}\n`);
  return {
    stderr: () => stderr,
    request(method: string, params: object): Promise<unknown> {
      const id = nextId++;
      const answered = new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
      });
      send({ jsonrpc: '2.0', id, method, params });
      return answered;
    },
    notify(method: string): void {
      send({ jsonrpc: '2.0', method });
    },
  };
}
