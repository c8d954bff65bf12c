import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmMode } from '../safety/confirm-destructive.js';
import { withDryRunOutput } from '../safety/dry-run.js';
import { addedSafetyArguments, withSafetyArguments } from '../safety/safety-arguments.js';
import { advertisedSecretSchema } from '../safety/secret-value-schema.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import { oncePerObject } from './once-per-object.js';

/** HTTP servers build a server per session: convert each tool's schemas once per process. */
const variantsOf = oncePerObject((_tool: InfisicalTool) => new Map<ConfirmMode, Tool>());

export function advertisedDefinition(tool: InfisicalTool, confirmMode: ConfirmMode): Tool {
  const variants = variantsOf(tool);
  let definition = variants.get(confirmMode);
  if (!definition) {
    definition = toToolDefinition(tool, confirmMode);
    variants.set(confirmMode, definition);
  }
  return definition;
}

/**
 * The definition clients see: the tool's schemas as plain JSON Schema, plus the safety
 * arguments the server adds (dryRun, confirm, includeValues) and, for tools that change
 * something, the dry-run report in the output schema.
 */
function toToolDefinition(tool: InfisicalTool, confirmMode: ConfirmMode): Tool {
  const inputSchema = withSafetyArguments(
    withDefaultsOptional(toJsonSchema(tool.inputSchema)),
    addedSafetyArguments(tool, confirmMode).advertised,
  );
  const outputSchema = advertisedSecretSchema(toJsonSchema(tool.outputSchema));
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputSchema as Tool['inputSchema'],
    outputSchema: (tool.annotations.readOnlyHint
      ? outputSchema
      : withDryRunOutput(outputSchema)) as Tool['outputSchema'],
    annotations: { title: tool.title, ...tool.annotations },
  };
}

/**
 * A client need not send an argument that has a default: validation fills it in. TypeBox lists
 * such properties as required (the handler always receives them), so the advertised schema
 * drops them from `required`.
 */
function withDefaultsOptional(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { default?: unknown }>;
  const required = (schema.required as string[] | undefined)?.filter(
    (name) => properties[name]?.default === undefined,
  );
  return { ...schema, required };
}

/** TypeBox schemas carry symbol keys for its own bookkeeping; clients get plain JSON Schema. */
function toJsonSchema(schema: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema));
}
