import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { parseJson, rawRequest } from './support/raw-http.js';
import { HTTP_BIN, spawnHttpServer } from './support/spawn-http-server.js';

interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Credentials that pass configuration checks; nothing here talks to Infisical. */
const FAKE_INFISICAL = {
  INFISICAL_HOST_URL: 'http://127.0.0.1:9',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'client-id',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'client-secret',
};

/** Runs the built bin to completion with only the given environment (nothing inherited). */
function runBin(args: string[], env: Record<string, string> = {}): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HTTP_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    // A configuration error must stop the bin at once; one that starts listening is a failure.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Our own lines on stderr; Node's deprecation warnings are not the bin's message. */
function binLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('infisical-mcp-http:'));
}

function expectOneLineError(run: BinRun, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  const lines = binLines(run.stderr);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  // No stack trace for a mistake in the command line.
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('command-line mistakes', () => {
  it('exits 1 with one line for an unknown flag, a stray argument or a missing value', async () => {
    const [unknown, positional, missingValue] = await Promise.all([
      runBin(['--bogus']),
      runBin(['serve']),
      runBin(['--port']),
    ]);
    expectOneLineError(unknown, 1, /--bogus.*--help/);
    expectOneLineError(positional, 1, /serve.*--help/);
    expectOneLineError(missingValue, 1, /--port.*--help/);
  });

  it('does not echo a password in INFISICAL_HOST_URL when the URL is not valid', async () => {
    const run = await runBin([], {
      ...FAKE_INFISICAL,
      INFISICAL_HOST_URL: 'https://mcp-user:host-url-password@exa mple.com',
    });
    expectOneLineError(
      run,
      1,
      /INFISICAL_HOST_URL is not a valid URL \("https:\/\/\*\*\*@exa mple\.com"\)/,
    );
    expect(run.stderr).not.toContain('host-url-password');
  });

  it('refuses an --audit-log path that is a symbolic link, and writes nothing through it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-audit-'));
    const target = join(dir, 'elsewhere');
    writeFileSync(target, '');
    symlinkSync(target, join(dir, 'audit.jsonl'));
    const run = await runBin(['--audit-log', join(dir, 'audit.jsonl')], FAKE_INFISICAL);
    expectOneLineError(run, 1, /--audit-log: .*audit\.jsonl is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('');
  });

  it('exits 1 naming --port for --port abc', async () => {
    expectOneLineError(await runBin(['--port', 'abc']), 1, /--port\b.*"abc"/);
  });

  it('names the environment variable when the bad value came from it', async () => {
    expectOneLineError(
      await runBin([], { ...FAKE_INFISICAL, INFISICAL_MCP_PORT: 'abc' }),
      1,
      /INFISICAL_MCP_PORT\b.*"abc"/,
    );
  });

  it('exits 1 naming the flag for other bad values', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', '70000'], /--port\b.*70000/],
      [['--ws-port=-1'], /--ws-port\b.*"-1"/],
      [['--session-ttl', '0'], /--session-ttl\b.*"0"/],
      [['--max-body-bytes', 'lots'], /--max-body-bytes\b.*"lots"/],
      [['--sandbox', '--public-url', 'not a url'], /--public-url\b/],
      [['--log-level', 'loud'], /--log-level\b.*loud/],
      [['--port', '5000', '--ws-port', '5000'], /--ws-port\b.*--port\b|--port\b.*--ws-port\b/],
      [['--allowed-origins', 'app.example'], /--allowed-origins\b.*app\.example/],
      [['--redis-url', 'http://u:hunter2@cache:6379'], /--redis-url\b.*not a Redis URL/],
      [['--redis-url', 'redis+sentinel://s1:26379'], /--redis-url\b.*master name/],
      [['--redis-url', 'redis://r', '--redis-token-key', 'short'], /--redis-token-key\b.*64 hex/],
      [['--redis-token-key', 'ab'.repeat(32)], /--redis-token-key\b.*--redis-url/],
      [['--redis-events-key', 'ab'.repeat(32)], /--redis-events-key\b.*--redis-url/],
      // Buffered tool results hold revealed values: not in clear unless asked for.
      [['--redis-url', 'redis://r'], /--redis-url\b.*secret values.*--redis-events-key/],
      [
        [
          '--redis-url',
          'redis://r',
          '--redis-events-key',
          'ab'.repeat(32),
          '--redis-plaintext-events',
        ],
        /--redis-plaintext-events and --redis-events-key contradict/,
      ],
      [['--redis-url', 'redis://r', '--redis-key-prefix', 'a b'], /--redis-key-prefix\b.*"a b"/],
      [
        ['--redis-url', 'redis://r', '--redis-events-per-session', '0'],
        /--redis-events-per-session\b.*"0"/,
      ],
    ];
    const runs = await Promise.all(cases.map(([args]) => runBin(args, FAKE_INFISICAL)));
    runs.forEach((run, index) => {
      const [args, pattern] = cases[index] as [string[], RegExp];
      expect.soft(run.code, args.join(' ')).toBe(1);
      expect.soft(binLines(run.stderr), args.join(' ')).toEqual([expect.stringMatching(pattern)]);
    });
  });

  it('with --sandbox, a bad value exits 1 before the sandbox banner', async () => {
    const runs = await Promise.all([
      runBin(['--sandbox', '--port', 'abc']),
      runBin(['--sandbox'], { INFISICAL_REQUEST_TIMEOUT_MS: 'soon' }),
      runBin(['--sandbox'], { INFISICAL_EXCLUDED_TOOLS: 'rm-rf' }),
    ]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).not.toContain('SANDBOX');
      expect(binLines(run.stderr), run.stderr).toHaveLength(1);
    }
    expect(runs[0]?.stderr).toContain('--port: expected an integer from 0 to 65535, got "abc".');
    expect(runs[1]?.stderr).toContain('INFISICAL_REQUEST_TIMEOUT_MS: expected an integer >= 1');
  });

  it('exits 1 with a clear message for --host 0.0.0.0 without --allowed-hosts', async () => {
    const run = await runBin(['--host', '0.0.0.0'], FAKE_INFISICAL);
    expectOneLineError(run, 1, /--allowed-hosts\b/);
    expect(run.stderr).toMatch(/0\.0\.0\.0/);
    expect(run.stderr).toMatch(/DNS rebinding/);
  });

  it('exits 1 naming the missing Infisical credentials', async () => {
    expectOneLineError(await runBin([]), 1, /INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/);
  });
});

describe('--help and --version', () => {
  /** Every option with its environment variable, as the README documents them. */
  const OPTIONS: [flag: string, env: string | null][] = [
    ['--host', 'INFISICAL_MCP_HOST'],
    ['--port', 'INFISICAL_MCP_PORT'],
    ['--ws-port', 'INFISICAL_MCP_WS_PORT'],
    ['--allowed-origins', 'INFISICAL_MCP_ALLOWED_ORIGINS'],
    ['--allowed-hosts', 'INFISICAL_MCP_ALLOWED_HOSTS'],
    ['--session-ttl', 'INFISICAL_MCP_SESSION_TTL_SECONDS'],
    ['--max-body-bytes', 'INFISICAL_MCP_MAX_BODY_BYTES'],
    ['--public-url', 'INFISICAL_MCP_PUBLIC_URL'],
    ['--public-metrics', 'INFISICAL_MCP_PUBLIC_METRICS'],
    ['--log-level', 'INFISICAL_MCP_LOG_LEVEL'],
    ['--sandbox', 'INFISICAL_MCP_SANDBOX'],
    ['--redis-url', 'REDIS_URL'],
    ['--redis-key-prefix', 'INFISICAL_MCP_REDIS_KEY_PREFIX'],
    ['--redis-events-per-session', 'INFISICAL_MCP_REDIS_EVENTS_PER_SESSION'],
    ['--redis-token-key', 'INFISICAL_MCP_REDIS_TOKEN_KEY'],
    ['--redis-events-key', 'INFISICAL_MCP_REDIS_EVENTS_KEY'],
    ['--redis-plaintext-events', 'INFISICAL_MCP_REDIS_PLAINTEXT_EVENTS'],
    ['--help', null],
    ['--version', null],
  ];

  it('--help lists every flag with its environment variable and exits 0', async () => {
    const run = await runBin(['--help']);
    expect(run.code).toBe(0);
    expect(binLines(run.stderr)).toEqual([]);
    const lines = run.stdout.split('\n');
    for (const [flag, env] of OPTIONS) {
      const line = lines.find((text) => `${text} `.startsWith(`  ${flag} `));
      expect(line, `${flag} is missing from --help`).toBeDefined();
      if (env) expect(line, flag).toContain(env);
    }
    for (const infisicalVariable of [
      'INFISICAL_HOST_URL',
      'INFISICAL_UNIVERSAL_AUTH_CLIENT_ID',
      'INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET',
      'INFISICAL_TOKEN',
    ]) {
      expect(run.stdout).toContain(infisicalVariable);
    }
  });

  it('-h and -v answer on stdout with exit code 0, whatever else is wrong', async () => {
    const [help, version] = await Promise.all([
      runBin(['-h'], { INFISICAL_MCP_PORT: 'abc' }),
      runBin(['-v'], { INFISICAL_MCP_PORT: 'abc' }),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: infisical-mcp-http/);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${packageJson.version}\n`);
    expect(help.stderr + version.stderr).toBe('');
  });

  it('--version prints the package version and exits 0', async () => {
    const run = await runBin(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(packageJson.version);
  });
});

describe('settings reach the running server', () => {
  const oversizedBody = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/list',
    params: { padding: 'x'.repeat(2000) },
  });
  const post = (baseUrl: string) =>
    rawRequest(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: oversizedBody,
    });

  it('takes settings from environment variables, and flags win over them', async () => {
    const fromEnv = await spawnHttpServer({
      ...FAKE_INFISICAL,
      INFISICAL_MCP_MAX_BODY_BYTES: '1000',
    });
    const flagWins = await spawnHttpServer(
      { ...FAKE_INFISICAL, INFISICAL_MCP_MAX_BODY_BYTES: '1000' },
      ['--max-body-bytes', '100000'],
    );
    try {
      expect((await post(fromEnv.baseUrl)).status).toBe(413);
      expect((await post(flagWins.baseUrl)).status).toBe(200);
    } finally {
      await Promise.all([fromEnv.stop(), flagWins.stop()]);
    }
  });

  it('--ws-port off serves no second port; --public-url shapes the discovery document', async () => {
    const server = await spawnHttpServer(FAKE_INFISICAL, [
      '--ws-port',
      'off',
      '--public-url',
      'https://mcp.example.com/',
    ]);
    try {
      expect(server.websocketUrl).toBeUndefined();
      const discovery = parseJson(await rawRequest(`${server.baseUrl}/mcp`));
      expect(discovery).toMatchObject({
        transports: {
          streamableHttp: { url: 'https://mcp.example.com/mcp' },
          websocket: { urls: ['wss://mcp.example.com/ws'] },
        },
      });
    } finally {
      await server.stop();
    }
  });

  it('--host 0.0.0.0 with --allowed-hosts serves only those Host names', async () => {
    // Off loopback the server insists on client authentication.
    const key = 'config-test-key';
    const server = await spawnHttpServer(FAKE_INFISICAL, [
      '--host',
      '0.0.0.0',
      '--allowed-hosts',
      'mcp.example.com, other.example.com:8443',
      '--auth',
      'api-key',
      '--api-keys',
      JSON.stringify([
        { id: 'config-test', sha256: createHash('sha256').update(key).digest('hex') },
      ]),
    ]);
    try {
      const port = new URL(server.baseUrl).port;
      const url = `http://127.0.0.1:${port}/mcp`;
      const withHost = (host: string) =>
        rawRequest(url, { headers: { host, authorization: `Bearer ${key}` } });
      expect((await withHost('mcp.example.com')).status).toBe(200);
      expect((await withHost(`mcp.example.com:${port}`)).status).toBe(200);
      expect((await withHost('other.example.com:8443')).status).toBe(200);
      expect((await withHost('other.example.com:9999')).status).toBe(403);
      // The loopback names are no longer implied once hosts are listed.
      expect((await withHost(`127.0.0.1:${port}`)).status).toBe(403);
      // Probes check the Host too, but one from this machine may name the loopback (a
      // container's own HEALTHCHECK); a rebound name is refused.
      const probe = (host: string) =>
        rawRequest(`http://127.0.0.1:${port}/health`, { headers: { host } });
      expect((await probe(`127.0.0.1:${port}`)).status).toBe(200);
      expect((await probe('mcp.example.com')).status).toBe(200);
      expect((await probe('rebound.example.com')).status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});

describe('the DEBUG switch of the seed', () => {
  it.each([
    ['DEBUG=infisical-mcp:*', { DEBUG: 'infisical-mcp:*' }, true],
    ['--log-level debug', { INFISICAL_MCP_LOG_LEVEL: 'debug' }, true],
    ['neither', {}, false],
    [
      'DEBUG with a log level set',
      { DEBUG: 'infisical-mcp:*', INFISICAL_MCP_LOG_LEVEL: 'info' },
      false,
    ],
  ])('%s: debug logs %s', async (_label, env, debug) => {
    // The helper turns debug on by default; here only the switch under test may.
    const server = await spawnHttpServer({ INFISICAL_MCP_LOG_LEVEL: undefined, ...env }, [
      '--sandbox',
    ]);
    try {
      await expect
        .poll(() => server.output().includes('Infisical MCP HTTP server listening'))
        .toBe(true);
      const tools = await rawRequest(`${server.baseUrl}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'list-projects', arguments: {} },
        }),
      });
      expect(tools.status).toBe(200);
      // pino's level 20 is debug; a finished tool call logs one.
      await expect
        .poll(() => server.output().includes('"level":20'), { timeout: debug ? 3_000 : 500 })
        .toBe(debug);
    } finally {
      await server.stop();
    }
  });
});
