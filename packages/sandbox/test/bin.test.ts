import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SandboxClient } from './helpers.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args]);
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    const onData = () => {
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    };
    child.stdout.on('data', onData);
    exited.then(() => reject(new Error(`exited before printing; stderr: ${stderr}`)));
  });
  // Runs that are expected to fail never read the first line.
  firstLine.catch(() => {});
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npx tsup\` before the tests`);
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

describe('infisical-mcp-sandbox bin', () => {
  it('prints one JSON line with working credentials and exits cleanly on SIGTERM', async () => {
    const sandbox = run(['--port', '0', '--token-ttl', '120', '--token-max-ttl', '600']);
    const ready = JSON.parse(await sandbox.firstLine);
    expect(ready).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      clientId: expect.any(String),
      clientSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
      projectId: expect.any(String),
      environments: ['dev', 'staging', 'prod'],
    });

    const client = new SandboxClient(ready.url);
    const login = await client.post('/api/v1/auth/universal-auth/login', {
      clientId: ready.clientId,
      clientSecret: ready.clientSecret,
    });
    expect(login.body).toMatchObject({ expiresIn: 120, accessTokenMaxTTL: 600 });

    sandbox.child.kill('SIGTERM');
    expect(await sandbox.exited).toEqual({ code: 0, signal: null });
    const { stdout } = sandbox.output();
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits cleanly on SIGINT', async () => {
    const sandbox = run(['--port', '0', '--latency-ms', '5']);
    await sandbox.firstLine;
    sandbox.child.kill('SIGINT');
    expect(await sandbox.exited).toEqual({ code: 0, signal: null });
  });

  it('rejects bad flags with one line on stderr and exit code 2', async () => {
    for (const args of [['--bogus'], ['--port', 'abc'], ['--token-ttl', '0'], ['--port']]) {
      const sandbox = run(args);
      expect(await sandbox.exited).toEqual({ code: 2, signal: null });
      const { stdout, stderr } = sandbox.output();
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^infisical-mcp-sandbox: /);
    }
  });
});
