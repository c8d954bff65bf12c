import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import type { Logger } from '../logger.js';
import { allPrompts, servedPrompts } from '../prompts/all-prompts.js';
import { registerPrompts } from '../prompts/register-prompts.js';
import { registerResources, servedResourceKinds } from '../resources/register-resources.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import { registerCompletions } from './register-completions.js';

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
 * Registers resources, prompts and argument completion for a server whose tools are already
 * chosen, so read-only mode, toolsets and the allow-list narrow all of them in the same way.
 * Each capability is advertised only when something behind it is served.
 */
export function registerResourcesAndPrompts(
  server: Server,
  options: ResourceAndPromptOptions & {
    client: InfisicalClient;
    tools: readonly InfisicalTool[];
    logger: Logger;
  },
): void {
  const servedToolNames = new Set(options.tools.map((tool) => tool.name));
  const kinds = options.resources === false ? [] : servedResourceKinds(servedToolNames);
  const prompts = options.prompts === false ? [] : servedPrompts(servedToolNames);

  registerResources(server, { client: options.client, kinds, logger: options.logger });
  registerPrompts(server, { prompts, catalogue: allPrompts, servedToolNames });

  const completable = new Map<string, Set<string>>();
  for (const prompt of prompts) {
    completable.set(`prompt:${prompt.name}`, new Set(prompt.arguments.map((arg) => arg.name)));
  }
  for (const kind of kinds) {
    if (kind.uriTemplate)
      completable.set(`resource:${kind.uriTemplate}`, templateVariables(kind.uriTemplate));
  }
  if (completable.size === 0) return;
  registerCompletions(server, {
    client: options.client,
    logger: options.logger,
    servedToolNames,
    completable: (ref) =>
      completable.get(ref.type === 'ref/prompt' ? `prompt:${ref.name}` : `resource:${ref.uri}`) ??
      new Set(),
  });
}

function templateVariables(template: string): Set<string> {
  return new Set(
    [...template.matchAll(/\{[/?&#.;+]?(\w+)\*?\}/g)].map((match) => match[1] as string),
  );
}
