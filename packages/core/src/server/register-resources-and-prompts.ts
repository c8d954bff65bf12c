import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import type { Logger } from '../logger.js';
import { registerPrompts } from '../prompts/register-prompts.js';
import { registerResources } from '../resources/register-resources.js';
import { registerCompletions } from './register-completions.js';
import type { ServedCatalogue } from './served-catalogue.js';

/** Options of `createInfisicalMcpServer` for what clients browse besides tools. */
export interface ResourceAndPromptOptions {
  /**
   * Serve MCP resources (`infisical://projects/…`): projects, environments and folders, never
   * secrets. Default true; each kind is served only with its read tool.
   */
  resources?: boolean;
  /**
   * Serve MCP prompts (workflows such as rotate-secret). Default true; each prompt is served
   * only when every tool it names is served.
   */
  prompts?: boolean;
}

/**
 * Registers resources, prompts and argument completion as the catalogue serves them, so
 * read-only mode, toolsets and the allow-list narrow all of them in the same way. The
 * capabilities that advertise them are the catalogue's, given to the server at construction.
 */
export function registerResourcesAndPrompts(
  server: Server,
  options: { served: ServedCatalogue; client: InfisicalClient; logger: Logger },
): void {
  const { served, client, logger } = options;
  if (served.resources) registerResources(server, { client, logger, served: served.resources });
  if (served.prompts) registerPrompts(server, served.prompts);
  if (served.completable) {
    registerCompletions(server, {
      client,
      logger,
      servedToolNames: served.servedToolNames,
      completable: served.completable,
    });
  }
}
