import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { type SpawnedHttpServer, spawnHttpServer } from './spawn-http-server.js';

export type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface ServerAgainstSandbox {
  sandbox: RunningSandbox;
  /** Reads the sandbox state and injects faults, as a separate process would. */
  admin: SandboxAdminClient;
  server: SpawnedHttpServer;
  /** The seeded demo project: dev holds API_KEY, DATABASE_URL, DB_DSN, LOG_LEVEL. */
  projectId: string;
  /** Stops the server (SIGTERM), then the sandbox; resolves with the server's exit code. */
  close(): Promise<number | null>;
}

/** The environment that points the bin at a sandbox with the seeded machine identity. */
export function sandboxEnvironment(sandbox: RunningSandbox): Record<string, string> {
  return {
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
  };
}

/**
 * A sandbox in this process and the BUILT bin in a child process talking to it, so tests see
 * exactly what a user of `infisical-mcp-http` sees. `args` come after `--port 0 --ws-port 0`
 * and win over them.
 */
export async function startServerAgainstSandbox(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerAgainstSandbox> {
  const sandbox = await startSandbox({ port: 0 });
  let server: SpawnedHttpServer;
  try {
    server = await spawnHttpServer({ ...sandboxEnvironment(sandbox), ...env }, args);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    sandbox,
    admin: new SandboxAdminClient(sandbox.url),
    server,
    projectId: sandbox.demo.projectId,
    async close() {
      const code = await server.stop();
      await sandbox.close();
      return code;
    },
  };
}
