import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode,
  GetPromptRequestParamsSchema,
  GetPromptRequestSchema,
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

/**
 * Adds prompts/list and prompts/get, and the `prompts` capability with them. Does nothing when
 * there is no prompt to offer. Call before the server connects.
 */
export function registerPrompts(
  server: Server,
  options: {
    prompts: readonly InfisicalPrompt[];
    /** Every prompt there is, to explain why one is not offered. */
    catalogue: readonly InfisicalPrompt[];
    servedToolNames: ReadonlySet<string>;
  },
): boolean {
  const byName = new Map(options.prompts.map((prompt) => [prompt.name, prompt]));
  if (byName.size === 0) return false;

  server.registerCapabilities({ prompts: { listChanged: false } });

  const listed = options.prompts.map(describePrompt);
  server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: listed }));

  server.setRequestHandler(GetPromptWithAnyArguments, (request) => {
    const { name } = request.params;
    const prompt = byName.get(name);
    if (!prompt) {
      const known = options.catalogue.find((candidate) => candidate.name === name);
      const missing = known?.usesTools.filter((tool) => !options.servedToolNames.has(tool));
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
          content: { type: 'text' as const, text: prompt.render(args, options.servedToolNames) },
        },
      ],
    };
  });
  return true;
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
