import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_TOOL_NAMES } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { codeBlocks, REPO_ROOT, readRepoFile, section } from './support/markdown.js';
import { clientEnvironment, userEnvironment } from './support/user-environment.js';

/**
 * The README's commands, run as a user types them, with `npx -y pnpm@12.21.0` from the
 * repository root, against the sandbox. Ports are the only change: the README's 3333 and 3334
 * become free ones, as other servers may hold those on a shared machine.
 */
const README = readRepoFile('README.md');
const PNPM = ['-y', 'pnpm@12.21.0'];

/** The README's command that contains `needle`, split into words (the commands quote nothing). */
function readmeCommand(needle: string): string[] {
  const line = README.split('\n').find((candidate) => candidate.includes(needle));
  if (!line) throw new Error(`the README no longer has "${needle}"`);
  const command =
    line.slice(line.lastIndexOf('npx -y pnpm@12.21.0')).split(/[#`]/)[0]?.trim() ?? '';
  return command.split(/\s+/);
}

describe('npx -y pnpm@12.21.0 demo', () => {
  it('walks through the sandbox: lists the default tools and ends with its pointer to a client', () => {
    // "install && demo": the install is the one this test runs in.
    const [, ...args] = readmeCommand('pnpm@12.21.0 demo');
    expect(args).toEqual([...PNPM, 'demo']);
    const run = spawnSync('npx', args, {
      cwd: REPO_ROOT,
      env: userEnvironment(),
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`tools/list: ${CORE_TOOL_NAMES.size} tools`);
    expect(run.stdout).toContain('Done. Wire the server into a client');
  });
});

describe('npx -y pnpm@12.21.0 start -- --sandbox', () => {
  it('runs the stdio server on the sandbox, for an MCP client on its stdin and stdout', async () => {
    const [npx, ...args] = readmeCommand('start -- --sandbox');
    expect([npx, ...args]).toEqual(['npx', ...PNPM, 'start', '--', '--sandbox']);
    const client = new Client({ name: 'readme-start', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: 'npx',
        args,
        cwd: REPO_ROOT,
        env: clientEnvironment(),
        stderr: 'ignore',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(CORE_TOOL_NAMES.size);
    await client.close();
  });
});

async function isHealthy(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
  return response?.status === 200;
}

describe('npx -y pnpm@12.21.0 start:http -- --sandbox, and the README clients of it', () => {
  let server: ChildProcess;
  let output = '';
  let port: number;
  let wsPort: number;
  let scratch: string;

  beforeAll(async () => {
    port = await freePort();
    wsPort = await freePort();
    scratch = mkdtempSync(join(REPO_ROOT, 'tests/docs/.readme-'));
    const [, ...args] = readmeCommand('start:http -- --sandbox');
    expect(args).toEqual([...PNPM, 'start:http', '--', '--sandbox']);
    server = spawn('npx', [...args, '--port', String(port), '--ws-port', String(wsPort)], {
      cwd: REPO_ROOT,
      env: userEnvironment(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 30_000;
    while (!(await isHealthy(port))) {
      if (Date.now() > deadline) throw new Error(`start:http did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(() => {
    // npx, pnpm and the server: the whole group.
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const onOurPorts = (text: string) =>
    text
      .replaceAll('localhost:3333', `localhost:${port}`)
      .replaceAll('localhost:3334', `localhost:${wsPort}`);

  it('answers the three curl requests of the README, and its tool call', () => {
    const blocks = codeBlocks(section(README, 'curl'), 'bash');
    expect(blocks.length).toBe(2);
    const commands = blocks
      .join('\n')
      .split(/\n(?=curl )/)
      .map((block) => block.replace(/^#.*\n/gm, '').trim())
      .filter((command) => command.startsWith('curl'));
    expect(commands).toHaveLength(4);
    for (const command of commands) {
      const run = spawnSync('bash', ['-c', `${onOurPorts(command)} --silent --fail-with-body`], {
        encoding: 'utf8',
      });
      expect({ command, status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
      const answer = JSON.parse(run.stdout) as { result?: unknown; name?: string };
      expect(answer.result ?? answer.name, command).toBeDefined();
    }
  });

  it('lists the tools over WebSocket with the README snippet, on this Node version', () => {
    const [snippet] = codeBlocks(section(README, 'WebSocket'), 'js');
    expect(snippet).toContain('new WebSocketClientTransport');
    // In this package, where the snippet's two dependencies are installed.
    const file = join(scratch, 'websocket-snippet.mjs');
    writeFileSync(file, onOurPorts(snippet ?? ''));
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("name: 'list-projects'");
    expect(output).not.toMatch(/Unexpected argument/);
  });
});

describe('npx -y pnpm@12.21.0 soak -- …', () => {
  it('takes its options after the --, as the README writes them', () => {
    const [, ...args] = readmeCommand('soak -- --sessions');
    expect(args.slice(0, 5)).toEqual([...PNPM, 'soak', '--', '--sessions']);
    // The README's options, shortened to a few seconds on one transport.
    const run = spawnSync(
      'npx',
      [
        ...PNPM,
        'soak',
        '--',
        '--sessions',
        '2',
        '--minutes',
        '0.05',
        '--transports',
        'streamable-http',
      ],
      { cwd: REPO_ROOT, env: userEnvironment(), encoding: 'utf8', timeout: 90_000 },
    );
    expect(run.stderr).not.toMatch(/Unexpected argument/);
    expect(run.stdout).toContain('soak passed');
    expect(run.status).toBe(0);
  });
});
