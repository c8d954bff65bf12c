import {
  allTools,
  createInfisicalClient,
  createInfisicalMcpServer,
  filterTools,
  readServerEnv,
} from '@infisical/mcp-core';
import type { SessionState } from '@infisical/mcp-transport-http';
import { generateSecretValueTool } from './generate-secret-value-tool.js';

/** Infisical's tools, read-only ones first in the list, plus this server's own. */
export const customTools = [...allTools, generateSecretValueTool];

/**
 * Reads the INFISICAL_* variables once, as the published servers do (connection, tool lists,
 * read-only, toolsets, value policy, protected environments, confirmation, audit trail), and
 * returns a factory of MCP servers that share one Infisical client (one token cache), as both
 * transports need. The policy goes to the server whole: no setting is left behind.
 */
export function customServerFactory(env: NodeJS.ProcessEnv = process.env) {
  const { connection, policy, dynamicToolsets } = readServerEnv(env);
  const client = createInfisicalClient(connection);
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
        serverInfo,
      }),
  };
}
