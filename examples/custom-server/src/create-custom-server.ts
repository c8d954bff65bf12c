import {
  allTools,
  createInfisicalClient,
  createInfisicalMcpServer,
  readInfisicalEnv,
} from '@infisical/mcp-core';
import { generateSecretValueTool } from './generate-secret-value-tool.js';

/** Infisical's tools, read-only ones first in the list, plus this server's own. */
export const customTools = [...allTools, generateSecretValueTool];

/**
 * Reads the usual INFISICAL_* variables once and returns a factory of MCP servers that share
 * one Infisical client (one token cache), as both transports need.
 */
export function customServerFactory(env: NodeJS.ProcessEnv = process.env) {
  const settings = readInfisicalEnv(env);
  const client = createInfisicalClient(settings.connection);
  const serverInfo = { name: 'custom-infisical-mcp', version: '1.0.0' };
  return {
    serverInfo,
    toolCount: customTools.length,
    createServer: () =>
      createInfisicalMcpServer({
        infisical: client,
        tools: customTools,
        maskSecretValues: settings.maskSecretValues,
        serverInfo,
      }),
  };
}
