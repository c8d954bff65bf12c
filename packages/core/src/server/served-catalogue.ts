import type { ListToolsResult, ServerCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { allPrompts, servedPrompts } from '../prompts/all-prompts.js';
import { type ServedPrompts, servePrompts } from '../prompts/register-prompts.js';
import { type ServedResources, serveResources } from '../resources/register-resources.js';
import { lacksTargetDeclaration } from '../safety/call-target.js';
import type { ConfirmMode } from '../safety/confirm-destructive.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import { advertisedDefinition } from './advertised-definition.js';
import { BoundedMemo } from './bounded-memo.js';
import { oncePerObject } from './once-per-object.js';
import type { ResourceAndPromptOptions } from './register-resources-and-prompts.js';
import { filterTools, type ToolChoice } from './select-tools.js';

/**
 * What a server serves once its settings have narrowed the catalogue: the tools and their
 * tools/list answer, resources, prompts, what completion completes and the capabilities that
 * advertise them. None of it depends on the session, so servers with the same settings share
 * one: an HTTP server builds a server per session, and these tables would otherwise be most
 * of what an idle session holds.
 */
export interface ServedCatalogue {
  readonly tools: readonly InfisicalTool[];
  readonly toolsByName: ReadonlyMap<string, InfisicalTool>;
  /** Every tool name the catalogue knows, to tell "not enabled" from "unknown". */
  readonly catalogueNames: ReadonlySet<string>;
  readonly servedToolNames: ReadonlySet<string>;
  /** The tools/list handler: its answer is the same for every server sharing the catalogue. */
  readonly listTools: () => ListToolsResult;
  readonly resources?: ServedResources;
  readonly prompts?: ServedPrompts;
  /** Argument names completion answers for, by prompt or resource template; undefined: none. */
  readonly completable?: (ref: {
    type: string;
    name?: string;
    uri?: string;
  }) => ReadonlySet<string>;
  readonly capabilities: ServerCapabilities;
}

export interface ServedCatalogueOptions extends ToolChoice, ResourceAndPromptOptions {
  confirmDestructive: ConfirmMode;
}

/**
 * Distinct settings seen per catalogue: a handful in practice (the server's, one per API key
 * with its own tools). The bound only keeps unusual OAuth scope mixes from growing it forever.
 */
const MAX_SETTINGS_PER_CATALOGUE = 256;

const builtFor = oncePerObject((catalogue: readonly InfisicalTool[]) => {
  assertTargetsDeclared(catalogue);
  return new BoundedMemo<ServedCatalogue>(MAX_SETTINGS_PER_CATALOGUE);
});

/**
 * Safety rules read what a tool declares it acts on; a tool that may change something and
 * declares nothing could only be guessed at, so a catalogue holding one is refused outright.
 */
function assertTargetsDeclared(catalogue: readonly InfisicalTool[]): void {
  const undeclared = catalogue.filter(lacksTargetDeclaration).map((tool) => tool.name);
  if (undeclared.length > 0) {
    throw new TypeError(
      `Tool${undeclared.length > 1 ? 's' : ''} ${undeclared.join(', ')} may change data but declare${undeclared.length > 1 ? '' : 's'} no target: add a \`target\` to the definition (see TargetDeclaration), or mark the tool read-only.`,
    );
  }
}

/** The catalogue narrowed by `options`, built on first use and shared by later servers. */
export function servedCatalogue(
  catalogue: readonly InfisicalTool[],
  options: ServedCatalogueOptions,
): ServedCatalogue {
  const key = JSON.stringify([
    options.enabledTools,
    options.excludedTools,
    options.readOnly === true,
    options.toolsets,
    options.clientToolsets,
    options.confirmDestructive,
    options.resources !== false,
    options.prompts !== false,
  ]);
  return builtFor(catalogue).get(key, () => buildServedCatalogue(catalogue, options));
}

function buildServedCatalogue(
  catalogue: readonly InfisicalTool[],
  options: ServedCatalogueOptions,
): ServedCatalogue {
  const tools = filterTools(catalogue, options);
  const servedToolNames = new Set(tools.map((tool) => tool.name));
  const resources = options.resources === false ? undefined : serveResources(servedToolNames);
  const prompts =
    options.prompts === false
      ? undefined
      : servePrompts(servedPrompts(servedToolNames), allPrompts, servedToolNames);

  const completable = new Map<string, Set<string>>();
  for (const prompt of prompts?.offered ?? []) {
    completable.set(`prompt:${prompt.name}`, new Set(prompt.arguments.map((arg) => arg.name)));
  }
  for (const kind of resources?.kinds.values() ?? []) {
    if (kind.uriTemplate)
      completable.set(`resource:${kind.uriTemplate}`, templateVariables(kind.uriTemplate));
  }
  const none: ReadonlySet<string> = new Set();

  const toolList: ListToolsResult = {
    tools: tools.map((tool) => advertisedDefinition(tool, options.confirmDestructive)),
  };

  return {
    tools,
    toolsByName: new Map(tools.map((tool) => [tool.name, tool])),
    catalogueNames: new Set(catalogue.map((tool) => tool.name)),
    servedToolNames,
    listTools: () => toolList,
    resources,
    prompts,
    completable:
      completable.size === 0
        ? undefined
        : (ref) =>
            completable.get(
              ref.type === 'ref/prompt' ? `prompt:${ref.name}` : `resource:${ref.uri}`,
            ) ?? none,
    capabilities: {
      tools: { listChanged: false },
      logging: {},
      ...(resources ? { resources: { subscribe: false, listChanged: false } } : {}),
      ...(prompts ? { prompts: { listChanged: false } } : {}),
      ...(completable.size > 0 ? { completions: {} } : {}),
    },
  };
}

function templateVariables(template: string): Set<string> {
  return new Set(
    [...template.matchAll(/\{[/?&#.;+]?(\w+)\*?\}/g)].map((match) => match[1] as string),
  );
}
