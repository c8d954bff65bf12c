import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

export const OUR_STDIO_BIN = join(packageDir('@infisical/mcp'), 'dist/main.js');
export const OUR_HTTP_BIN = join(packageDir('@infisical/mcp-http'), 'dist/main.js');
export const OFFICIAL_STDIO_BIN = join(packageDir('official-infisical-mcp'), 'dist/index.js');

/** The variables both our servers and the official one read, pointing at the sandbox. */
export function infisicalEnvironment(sandbox, extra = {}) {
  return {
    PATH: process.env.PATH ?? '',
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.clientSecret,
    INFISICAL_MCP_LOG_LEVEL: 'silent',
    ...extra,
  };
}

/**
 * For measuring a server that lists tools but calls none: credentials are only checked for
 * presence at start-up, and the host answers nothing.
 */
export const LIST_ONLY_ENVIRONMENT = {
  PATH: process.env.PATH ?? '',
  INFISICAL_HOST_URL: 'http://127.0.0.1:9',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'bench-client-id',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'bench-client-secret',
  INFISICAL_MCP_LOG_LEVEL: 'silent',
};

/**
 * The HTTP server's per-client rate limits and session caps protect a shared deployment; the
 * bench is one client measuring capacity, so it turns them off (0 = no limit). Variables rather
 * than flags: a build without these options ignores them instead of refusing to start.
 */
export const LIMITS_OFF = {
  INFISICAL_MCP_RATE_LIMIT_REQUESTS: '0',
  INFISICAL_MCP_RATE_LIMIT_CALLS: '0',
  INFISICAL_MCP_MAX_SESSIONS_PER_CLIENT: '0',
  INFISICAL_MCP_MAX_SESSIONS: '0',
};

/** The session caps at the server's own defaults, for a measurement of how it meets them. */
export const DEFAULT_SESSION_CAPS = {
  INFISICAL_MCP_MAX_SESSIONS_PER_CLIENT: undefined,
  INFISICAL_MCP_MAX_SESSIONS: undefined,
};

/**
 * Spawns the built `infisical-mcp-http` on free ports and waits for its "listening" log line,
 * which carries the bound URLs. `nodeOptions` go before the script (e.g. --inspect); a variable
 * set to undefined in `env` is left out, so the server uses its default.
 */
export async function startOurHttpServer(sandbox, { args = [], nodeOptions = [], env = {} } = {}) {
  // info, not silent: the listening line is how we learn the ports. At info the server also
  // writes one audit line per tool call, as a deployment with default settings does.
  const environment = infisicalEnvironment(sandbox, {
    INFISICAL_MCP_LOG_LEVEL: 'info',
    ...LIMITS_OFF,
    ...env,
  });
  const child = spawn(
    process.execPath,
    [...nodeOptions, OUR_HTTP_BIN, '--port', '0', '--ws-port', '0', ...args],
    {
      env: Object.fromEntries(
        Object.entries(environment).filter(([, value]) => value !== undefined),
      ),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk.toString('utf8');
  });
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the HTTP server did not listen within 15 s:\n${output}${stderr}`));
    }, 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the HTTP server exited with ${code}:\n${output}${stderr}`));
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output += `${line}\n`;
      if (!line.includes('Infisical MCP HTTP server listening')) return;
      clearTimeout(timer);
      // Stop reading lines: the audit lines that follow must not cost the bench process (the
      // client of every measurement) more than draining them.
      lines.close();
      resolve(JSON.parse(line));
    });
  });
  const { mcp, websocket } = await listening;
  // Keep draining stdout so the server never blocks on a full pipe.
  child.stdout.resume();
  return {
    pid: child.pid,
    baseUrl: mcp.replace(/\/mcp$/, ''),
    websocketUrl: websocket.find((url) => !url.endsWith('/ws')),
    stderr: () => stderr,
    stop: () => stopChild(child),
  };
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
