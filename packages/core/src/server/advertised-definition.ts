import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmMode } from '../safety/confirm-destructive.js';
import { withDryRunOutput } from '../safety/dry-run.js';
import { addedSafetyArguments, withSafetyArguments } from '../safety/safety-arguments.js';
import { advertisedSecretSchema } from '../safety/secret-value-schema.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import { identifierRuleOf } from '../tools/schema.js';
import { advertisedAnnotations } from './advertised-annotations.js';
import { oncePerObject } from './once-per-object.js';
import { withRepeatedShapesShared } from './shared-shapes.js';

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
 * something, the dry-run report in the output schema. The output schema is for clients that
 * check structured content: it keeps the shape and required fields of each answer, a repeated
 * shape written once, and says of a dry-run report only that it is an object.
 */
function toToolDefinition(tool: InfisicalTool, confirmMode: ConfirmMode): Tool {
  const inputSchema = withSafetyArguments(
    withDefaultsOptional(withoutIdentifierRules(toJsonSchema(tool.inputSchema))),
    addedSafetyArguments(tool, confirmMode).advertised,
  );
  const outputSchema = advertisedSecretSchema(toJsonSchema(tool.outputSchema));
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: inputSchema as Tool['inputSchema'],
    outputSchema: withRepeatedShapesShared(
      withoutIdentifierRules(
        withoutDescriptions(
          tool.annotations.readOnlyHint ? outputSchema : withDryRunOutput(outputSchema),
        ),
      ),
    ) as Tool['outputSchema'],
    annotations: advertisedAnnotations(tool.annotations),
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

type JsonSchema = Record<string, unknown>;

/** Applies `change` to a schema and every schema nested in it (properties, items, unions). */
function mapSchemas(schema: JsonSchema, change: (schema: JsonSchema) => JsonSchema): JsonSchema {
  const changed = change({ ...schema });
  if (changed.properties) {
    changed.properties = Object.fromEntries(
      Object.entries(changed.properties as Record<string, JsonSchema>).map(([name, property]) => [
        name,
        mapSchemas(property, change),
      ]),
    );
  }
  if (changed.items && typeof changed.items === 'object') {
    changed.items = mapSchemas(changed.items as JsonSchema, change);
  }
  for (const union of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(changed[union])) {
      changed[union] = (changed[union] as JsonSchema[]).map((member) => mapSchemas(member, change));
    }
  }
  return changed;
}

/**
 * An identifier's pattern costs the model up to 150 tokens an argument on every turn and tells it
 * nothing it can use: the server checks it (and the HTTP client again), and a refusal names the
 * rule in plain words. So the advertised schema leaves the pattern and its lengths out, and a
 * `minLength` of 1 too: the server refuses an empty string just as clearly. In an output schema
 * the rule describes what the server itself checked on the way in (the roles it set).
 */
function withoutIdentifierRules(schema: JsonSchema): JsonSchema {
  return mapSchemas(schema, (node) => {
    if (identifierRuleOf(node.pattern) !== undefined) {
      const { pattern: _pattern, minLength: _min, maxLength: _max, ...rest } = node;
      return rest;
    }
    if (node.minLength === 1) {
      const { minLength: _min, ...rest } = node;
      return rest;
    }
    return node;
  });
}

/**
 * Hosts show the model a tool's result as text, not its output schema; the schema is for
 * clients checking structured content, which need shapes, not prose.
 */
function withoutDescriptions(schema: JsonSchema): JsonSchema {
  return mapSchemas(schema, ({ description: _description, ...rest }) => rest);
}

/** TypeBox schemas carry symbol keys for its own bookkeeping; clients get plain JSON Schema. */
function toJsonSchema(schema: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema));
}
