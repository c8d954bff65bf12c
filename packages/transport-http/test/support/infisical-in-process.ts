import {
  allTools,
  createInfisicalClient,
  createInfisicalMcpServer,
  defaultPolicy,
  infisicalReadinessCheck,
  serializeJsonRpcMessage,
} from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { createHttpServer, type HttpServer } from '../../src/create-http-server.js';
import type { HttpContextInternals } from '../../src/http-context.js';
import type { HttpServerOptions } from '../../src/http-server-options.js';
import { type LogLevel, type RecordingLogger, recordingLogger } from './recording-logger.js';

export type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface InfisicalInProcess {
  sandbox: RunningSandbox;
  /** Reads the sandbox state and injects faults over its admin routes. */
  admin: SandboxAdminClient;
  http: HttpServer;
  /** e.g. http://127.0.0.1:PORT (no trailing slash) */
  baseUrl: string;
  /** ws://127.0.0.1:PORT of the second WebSocket port. */
  websocketUrl: string;
  /** The seeded demo project: dev holds API_KEY, DATABASE_URL, DB_DSN, LOG_LEVEL. */
  projectId: string;
  /** What the HTTP server and the MCP servers logged at `logLevel` or above, as JSON lines. */
  log: RecordingLogger;
  close(): Promise<void>;
}

/** What `infisical-mcp-http` says its name is; tests check it reaches the client. */
export const SERVER_INFO = { name: 'infisical-mcp', version: '0.0.0-test' };

/**
 * The Infisical MCP server over this package's HTTP server, in this process, against an
 * in-process sandbox: the factory `infisical-mcp-http` builds (every toolset, the default
 * policy, the shared client and serializer), without spawning the binary. Both ports listen on
 * free loopback ports, for clients that need a real socket (streams, the SDK transports); a
 * request/response test can `http.app.inject()` instead.
 */
export async function startInfisicalInProcess(
  options: Partial<HttpServerOptions> = {},
  logLevel: LogLevel = 'warn',
  internals: HttpContextInternals = {},
): Promise<InfisicalInProcess> {
  const sandbox = await startSandbox({ port: 0 });
  const infisical = createInfisicalClient({
    hostUrl: sandbox.url,
    auth: {
      method: 'universal-auth',
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    },
  });
  const policy = defaultPolicy();
  const log = recordingLogger(logLevel);
  let http: HttpServer;
  try {
    http = await createHttpServer(
      {
        createMcpServer: ({ principal, session, transport }) =>
          createInfisicalMcpServer({
            infisical,
            tools: allTools,
            policy,
            principal: principal.id,
            logger: log.child({ transport, client: principal.id }),
            sessionToolsets: session && {
              enabled: session.enabledToolsets,
              saveEnabled: session.saveEnabledToolsets,
            },
            serverInfo: SERVER_INFO,
          }),
        describe: () => ({ ...SERVER_INFO, toolCount: allTools.length }),
        checkReadiness: infisicalReadinessCheck(infisical),
        serializeMessage: serializeJsonRpcMessage,
        logger: log,
        port: 0,
        websocketPort: 0,
        ...options,
      },
      internals,
    );
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const { url, websocketUrl } = await http.listen();
  return {
    sandbox,
    admin: new SandboxAdminClient(sandbox.url),
    http,
    baseUrl: url,
    websocketUrl: websocketUrl ?? '',
    projectId: sandbox.demo.projectId,
    log,
    async close() {
      await http.close();
      await sandbox.close();
    },
  };
}
