import { execFile } from 'node:child_process';
import { startSandbox } from '@infisical/mcp-sandbox';
import { type SpawnedHttpServer, spawnHttpServer } from './spawn-http-server.js';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface SandboxedHttpServer {
  sandbox: Sandbox;
  server: SpawnedHttpServer;
  /** e.g. http://127.0.0.1:PORT/mcp */
  mcpUrl: string;
  /** e.g. http://127.0.0.1:PORT/sse */
  sseUrl: string;
  stop(): Promise<void>;
}

/**
 * The built `infisical-mcp-http` bin against a fresh in-memory sandbox, as a third-party client
 * meets it: a separate process on a free port, with no WebSocket port (no interop test uses it).
 */
export async function startSandboxedHttpServer(args: string[] = []): Promise<SandboxedHttpServer> {
  const sandbox = await startSandbox({ port: 0 });
  let server: SpawnedHttpServer;
  try {
    server = await spawnHttpServer(
      {
        INFISICAL_HOST_URL: sandbox.url,
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
      },
      ['--ws-port', 'off', ...args],
    );
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    server,
    mcpUrl: `${server.baseUrl}/mcp`,
    sseUrl: `${server.baseUrl}/sse`,
    async stop() {
      await server.stop();
      await sandbox.close();
    },
  };
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a published CLI through `npx -p node@22`, which puts a Node 22 binary first on the PATH:
 * the Inspector 2.x and conformance 0.1.16 refuse or crash on Node 20. Resolves with the exit
 * code instead of rejecting, so a test can show what the tool printed when it fails. The first
 * run downloads the packages, hence the long timeout.
 */
export function runWithNode22(
  packages: string[],
  command: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const args = ['-y', '-p', 'node@22', ...packages.flatMap((name) => ['-p', name]), '--'];
  return new Promise((resolve, reject) => {
    execFile(
      'npx',
      [...args, ...command],
      {
        timeout: options.timeoutMs ?? 240_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command.join(' ')}: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** npm's engine warnings about the Node 20 that runs npx itself; they say nothing about the test. */
export function withoutNpmNoise(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^npm (warn|notice)/.test(line) && line.trim() !== '')
    .join('\n');
}
