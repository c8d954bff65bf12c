import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  type ConnectionOptions,
  createInfisicalClient,
} from '../infisical/create-infisical-client.js';
import { InfisicalClient } from '../infisical/infisical-client.js';
import { type Logger, silentLogger } from '../logger.js';
import { logAuditSink } from '../safety/audit-trail.js';
import type { ConfirmMode } from '../safety/confirm-destructive.js';
import { withDryRunOutput } from '../safety/dry-run.js';
import { ProtectedEnvironments } from '../safety/protected-environments.js';
import { addedSafetyArguments, withSafetyArguments } from '../safety/safety-arguments.js';
import { defaultValueMasker, type SafetyOptions } from '../safety/safety-options.js';
import { narrowerValuePolicy } from '../safety/secret-value-policy.js';
import { advertisedSecretSchema } from '../safety/secret-value-schema.js';
import { allTools } from '../tools/all-tools.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import { CORE_VERSION } from '../version.js';
import { createCallToolHandler } from './call-tool-handler.js';
import { answerSchemaMismatchAsInvalidParams } from './invalid-params.js';
import {
  type ResourceAndPromptOptions,
  registerResourcesAndPrompts,
} from './register-resources-and-prompts.js';
import { filterTools } from './select-tools.js';

export interface InfisicalMcpServerOptions extends ResourceAndPromptOptions {
  /**
   * Where and how to reach Infisical: connection settings, or a client built with
   * `createInfisicalClient` to share one token cache between many servers (HTTP sessions).
   */
  infisical: ConnectionOptions | InfisicalClient;
  /** The tool catalogue to serve. Defaults to every Infisical tool. */
  tools?: readonly InfisicalTool[];
  /** Allow-list of tool names (INFISICAL_ENABLED_TOOLS). Unknown names throw. */
  enabledTools?: readonly string[];
  /** Deny-list of tool names (INFISICAL_EXCLUDED_TOOLS), applied last. Unknown names throw. */
  excludedTools?: readonly string[];
  /** Serve only read-only tools (e.g. for a read-only API key). */
  readOnly?: boolean;
  /** Serve only tools of these toolsets. */
  toolsets?: readonly string[];
  /**
   * Mask every secret value in tool output (INFISICAL_MASK_SECRET_VALUES): the same as
   * `safety.secretValues: 'mask'`, or stricter if that says `deny`.
   */
  maskSecretValues?: boolean;
  /** Value policy, protected environments, confirmations and the audit trail. */
  safety?: SafetyOptions;
  logger?: Logger;
  /** Name and version advertised to clients. */
  serverInfo?: { name: string; version: string };
}

/**
 * Builds a ready MCP server exposing Infisical tools. It holds no global state: two servers
 * with different credentials can live in one process. Connect it to any transport.
 */
export function createInfisicalMcpServer(options: InfisicalMcpServerOptions): Server {
  const logger = options.logger ?? silentLogger;
  const client =
    options.infisical instanceof InfisicalClient
      ? options.infisical
      : createInfisicalClient({ ...options.infisical, logger: options.infisical.logger ?? logger });
  const tools = filterTools(options.tools ?? allTools, options);
  const toolsByName = new Map(tools.map((tool) => [tool.name, tool]));
  const catalogueNames = new Set((options.tools ?? allTools).map((tool) => tool.name));
  const safety = options.safety ?? {};
  const confirmDestructive = safety.confirmDestructive ?? 'auto';
  const advertised = tools.map((tool) => advertisedDefinition(tool, confirmDestructive));

  const server = new Server(
    options.serverInfo ?? { name: 'infisical-mcp', version: CORE_VERSION },
    {
      capabilities: { tools: { listChanged: false }, logging: {} },
      jsonSchemaValidator: sharedJsonSchemaValidator(),
      instructions:
        'Tools for the Infisical secrets manager. Start with list-projects to find project IDs and environment slugs; secret paths start with "/".',
    },
  );
  answerSchemaMismatchAsInvalidParams(server);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: advertised }));

  server.setRequestHandler(
    CallToolRequestSchema,
    createCallToolHandler({
      server,
      toolsByName,
      catalogueNames,
      client,
      logger,
      policy: {
        secretValues: narrowerValuePolicy(
          safety.secretValues ?? 'reveal',
          options.maskSecretValues ? 'mask' : undefined,
        ),
        valueMasker: safety.valueMasker ?? defaultValueMasker(),
        protectedEnvironments: new ProtectedEnvironments(
          safety.allowProtectedWrites ? [] : (safety.protectedEnvironments ?? []),
        ),
        confirmDestructive,
        principal: safety.principal ?? 'local',
        audit: safety.audit === false ? undefined : (safety.audit ?? logAuditSink(logger)),
      },
    }),
  );

  registerResourcesAndPrompts(server, { ...options, client, tools, logger });
  return server;
}

/**
 * Left to itself the SDK gives every Server an Ajv instance of its own, with its format checks
 * compiled: half of what an HTTP session, which gets a server of its own, costs in memory. One
 * per process serves them all (the SDK uses it only to check answers to `elicitInput`).
 */
let jsonSchemaValidator: AjvJsonSchemaValidator | undefined;

function sharedJsonSchemaValidator(): AjvJsonSchemaValidator {
  jsonSchemaValidator ??= new AjvJsonSchemaValidator();
  return jsonSchemaValidator;
}

/** HTTP servers build a server per session: convert each tool's schemas once per process. */
const definitions = new WeakMap<InfisicalTool, Map<ConfirmMode, Tool>>();

function advertisedDefinition(tool: InfisicalTool, confirmMode: ConfirmMode): Tool {
  let variants = definitions.get(tool);
  if (!variants) {
    variants = new Map();
    definitions.set(tool, variants);
  }
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
