import {
  allTools,
  createInfisicalClient,
  createInfisicalMcpServer,
  effectiveLogLevel,
  filterTools,
  PROCESS_SETTINGS,
  readServerEnv,
  readSettings,
} from '@infisical/mcp-core';
import type { SessionState } from '@infisical/mcp-transport-http';
import { generateSecretValueTool } from './generate-secret-value-tool.js';
import { stderrLogger } from './stderr-logger.js';

/** Infisical's tools, read-only ones first in the list, plus this server's own. */
export const customTools = [...allTools, generateSecretValueTool];

/**
 * Reads the INFISICAL_* variables once, as the published servers do (connection, tool lists,
 * read-only, toolsets, value policy, protected environments, confirmation, audit trail, and
 * the process settings: INFISICAL_MCP_SANDBOX, INFISICAL_MCP_LOG_LEVEL, DEBUG), and returns a
 * factory of MCP servers that share one Infisical client (one token cache), as both transports
 * need. The policy goes to the server whole: no setting is left behind.
 */
export async function customServerFactory(env: NodeJS.ProcessEnv = process.env) {
  const settings = readSettings(PROCESS_SETTINGS, { flags: {}, env });
  const { values } = settings;
  const sandbox = values.sandbox
    ? await (await import('@infisical/mcp-sandbox')).startSandboxForServer()
    : undefined;
  const { connection, policy, dynamicToolsets } = readServerEnv(env, {
    sandbox: sandbox?.credentials,
  });
  const logger = stderrLogger(
    effectiveLogLevel({
      logLevel: values.logLevel,
      logLevelSet: settings.isSet('logLevel'),
      debug: values.debug,
    }),
  );
  const client = createInfisicalClient({ ...connection, logger });
  const serverInfo = { name: 'custom-infisical-mcp', version: '1.0.0' };
  return {
    serverInfo,
    toolCount: filterTools(customTools, policy).length,
    /**
     * `session`: what an HTTP session keeps between the servers built for it (the toolsets it
     * enabled, with dynamic toolsets); absent over stdio, where one server lives as long.
     */
    createServer: ({ session }: { session?: SessionState } = {}) =>
      createInfisicalMcpServer({
        infisical: client,
        tools: customTools,
        policy,
        dynamicToolsets,
        sessionToolsets: session && {
          enabled: session.enabledToolsets,
          saveEnabled: session.saveEnabledToolsets,
        },
        logger,
        serverInfo,
      }),
    /** Stops the sandbox, when INFISICAL_MCP_SANDBOX started one. */
    close: async () => {
      await sandbox?.close();
    },
  };
}
