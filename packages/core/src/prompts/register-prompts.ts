import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode,
  GetPromptRequestParamsSchema,
  GetPromptRequestSchema,
  type GetPromptResult,
  ListPromptsRequestSchema,
  type Prompt,
} from '@modelcontextprotocol/sdk/types.js';
import { oncePerObject } from '../server/once-per-object.js';
import { ProtocolError } from '../server/protocol-error.js';
import type { InfisicalPrompt } from './infisical-prompt.js';
import { validatePromptArguments } from './validate-prompt-arguments.js';

/**
 * The SDK's prompts/get schema, except that arguments of any type reach our validator, which
 * names the bad one; the SDK's own check would answer -32603 Internal error.
 */
const GetPromptWithAnyArguments = GetPromptRequestSchema.extend({
  params: GetPromptRequestParamsSchema.omit({ arguments: true }).loose(),
});

/** Prompts as a catalogue offers them, shared by every server built from that catalogue. */
export interface ServedPrompts {
  readonly offered: readonly InfisicalPrompt[];
  /** The prompts/list and prompts/get handlers: neither depends on the session. */
  readonly list: () => { prompts: Prompt[] };
  readonly get: (request: { params: { name: string; arguments?: unknown } }) => GetPromptResult;
}

/** Serves `prompts`; undefined when there is none to offer. */
export function servePrompts(
  prompts: readonly InfisicalPrompt[],
  /** Every prompt there is, to explain why one is not offered. */
  catalogue: readonly InfisicalPrompt[],
  servedToolNames: ReadonlySet<string>,
): ServedPrompts | undefined {
  const byName = new Map(prompts.map((prompt) => [prompt.name, prompt]));
  if (byName.size === 0) return undefined;
  const listed = { prompts: prompts.map(describePrompt) };
  return {
    offered: prompts,
    list: () => listed,
    get: (request) => {
      const { name } = request.params;
      const prompt = byName.get(name);
      if (!prompt) {
        const known = catalogue.find((candidate) => candidate.name === name);
        const missing = known?.usesTools.filter((tool) => !servedToolNames.has(tool));
        throw new ProtocolError(
          ErrorCode.InvalidParams,
          missing
            ? `Prompt "${name}" is not offered: it uses ${missing.join(', ')}, which this server does not serve (read-only mode, toolsets or the tool allow-list). Offered prompts: ${[...byName.keys()].join(', ')}.`
            : `Unknown prompt "${name}". Offered prompts: ${[...byName.keys()].join(', ')}.`,
        );
      }
      const args = validatePromptArguments(prompt, request.params.arguments);
      return {
        description: prompt.description,
        messages: [
          {
            role: 'user' as const,
            content: { type: 'text' as const, text: prompt.render(args, servedToolNames) },
          },
        ],
      };
    },
  };
}

/**
 * Adds prompts/list and prompts/get. The `prompts` capability that advertises them comes with
 * the catalogue. Call before the server connects.
 */
export function registerPrompts(server: Server, served: ServedPrompts): void {
  server.setRequestHandler(ListPromptsRequestSchema, served.list);
  server.setRequestHandler(GetPromptWithAnyArguments, served.get);
}

const describePrompt = oncePerObject(
  (prompt: InfisicalPrompt): Prompt => ({
    name: prompt.name,
    title: prompt.title,
    description: prompt.description,
    arguments: prompt.arguments.map(({ name, description, required }) => ({
      name,
      description,
      required,
    })),
  }),
);
