import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HTTP_BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/**
 * Runs the built bin to its end (`--help`, a start-up it refuses), pointed at an Infisical that
 * nothing answers: what these runs check happens before any request to it.
 */
export function runHttpBin(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [HTTP_BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      INFISICAL_HOST_URL: 'http://127.0.0.1:9',
      INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'client-id',
      INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'client-secret',
      ...env,
    },
    encoding: 'utf8',
    timeout: 10_000,
  });
}

export interface SpawnedHttpServer {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:PORT (no trailing slash) */
  baseUrl: string;
  /** ws://127.0.0.1:PORT of the second WebSocket port, when enabled */
  websocketUrl?: string;
  /** Everything written to stdout (JSON log lines) and stderr so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Spawns the built `infisical-mcp-http` on free ports (unless args say otherwise) and waits
 * for its "listening" log line, which carries the bound URLs.
 */
export async function spawnHttpServer(
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<SpawnedHttpServer> {
  // These tests call tools of every toolset, so their servers serve them all; a test of the
  // default catalogue sets INFISICAL_TOOLSETS to undefined, which leaves the variable unset.
  const environment = Object.fromEntries(
    Object.entries({
      PATH: process.env.PATH ?? '',
      INFISICAL_MCP_LOG_LEVEL: 'debug',
      INFISICAL_TOOLSETS: 'all',
      ...env,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const child = spawn(process.execPath, [HTTP_BIN, '--port', '0', '--ws-port', '0', ...args], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<{ mcp: string; websocket: string[] }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const line of output.split('\n')) {
        if (!line.includes('Infisical MCP HTTP server listening')) continue;
        try {
          resolve(JSON.parse(line));
        } catch {
          // a partial line; wait for the rest
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`server exited with ${code} before listening:\n${output}`)),
    );
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const { mcp, websocket } = await listening.finally(() => clearTimeout(timeout));
  return {
    child,
    baseUrl: mcp.replace(/\/mcp$/, ''),
    websocketUrl: websocket.find((url) => !url.endsWith('/ws')),
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
