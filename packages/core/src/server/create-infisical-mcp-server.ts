import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type ServerNotification,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import {
  type ConnectionOptions,
  createInfisicalClient,
} from '../infisical/create-infisical-client.js';
import { InfisicalClient } from '../infisical/infisical-client.js';
import { type Logger, silentLogger } from '../logger.js';
import { allTools } from '../tools/all-tools.js';
import type { InfisicalTool, ToolContext } from '../tools/infisical-tool.js';
import { ToolInputError } from '../tools/tool-input-error.js';
import { validateArguments } from '../tools/validate-arguments.js';
import { CORE_VERSION } from '../version.js';
import { describeInfisicalFailure, isInfisicalFailure } from './describe-tool-error.js';
import { answerSchemaMismatchAsInvalidParams } from './invalid-params.js';
import { maskSecretValues } from './mask-secret-values.js';
import { filterTools } from './select-tools.js';
import { errorResult, successResult } from './tool-result.js';

export interface InfisicalMcpServerOptions {
  /**
   * Where and how to reach Infisical: connection settings, or a client built with
   * `createInfisicalClient` to share one token cache between many servers (HTTP sessions).
   */
  infisical: ConnectionOptions | InfisicalClient;
  /** The tool catalogue to serve. Defaults to every Infisical tool. */
  tools?: readonly InfisicalTool[];
  /** Allow-list of tool names (INFISICAL_ENABLED_TOOLS). Unknown names throw. */
  enabledTools?: readonly string[];
  /** Serve only read-only tools (e.g. for a read-only API key). */
  readOnly?: boolean;
  /** Serve only tools of these toolsets. */
  toolsets?: readonly string[];
  /** Replace every secret value in tool output with `<masked>` (INFISICAL_MASK_SECRET_VALUES). */
  maskSecretValues?: boolean;
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
  const advertised = tools.map(advertisedDefinition);
  const mask = options.maskSecretValues ?? false;

  const server = new Server(
    options.serverInfo ?? { name: 'infisical-mcp', version: CORE_VERSION },
    {
      capabilities: { tools: { listChanged: false }, logging: {} },
      instructions:
        'Tools for the Infisical secrets manager. Start with list-projects to find project IDs and environment slugs; secret paths start with "/".',
    },
  );
  answerSchemaMismatchAsInvalidParams(server);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: advertised }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name } = request.params;
    const tool = toolsByName.get(name);
    if (!tool) {
      const reason = catalogueNames.has(name)
        ? `Tool "${name}" is not enabled on this server. Enabled tools: ${[...toolsByName.keys()].join(', ')}`
        : `Unknown tool: "${name}". tools/list shows the available tools.`;
      throw new McpError(ErrorCode.InvalidParams, reason);
    }

    const checked = validateArguments(tool, request.params.arguments);
    if (!checked.ok) return errorResult(checked.message);

    const callLogger = logger.child({ tool: name, requestId: extra.requestId });
    const started = performance.now();
    try {
      const output = await tool.handler(checked.value as never, {
        infisical: client.withTokens(client.tokens.forCall()),
        logger: callLogger,
        signal: extra.signal,
        reportProgress: progressReporter(extra._meta?.progressToken, extra.sendNotification),
      });
      callLogger.debug({ ms: Math.round(performance.now() - started) }, 'tool call succeeded');
      return successResult(mask ? maskSecretValues(output) : output);
    } catch (error) {
      return failureResult(error, callLogger);
    }
  });

  return server;
}

function progressReporter(
  progressToken: string | number | undefined,
  send: (notification: ServerNotification) => Promise<void>,
): ToolContext['reportProgress'] {
  if (progressToken === undefined) return async () => {};
  return async (progress, total, message) => {
    await send({
      method: 'notifications/progress',
      params: { progressToken, progress, total, message },
    }).catch(() => {});
  };
}

function failureResult(error: unknown, logger: Logger): CallToolResult {
  if (error instanceof ToolInputError) return errorResult(error.message);
  if (isInfisicalFailure(error)) {
    logger.warn(
      {
        status: error.status,
        kind: error.kind,
        error: error.error,
        reqId: error.reqId,
        route: `${error.method} ${error.path}`,
      },
      'Infisical request failed',
    );
    return errorResult(describeInfisicalFailure(error));
  }
  logger.error({ err: error }, 'tool handler failed unexpectedly');
  return errorResult('The tool failed with an internal error; the server log has the details.');
}

/** HTTP servers build a server per session: convert each tool's schemas once per process. */
const definitions = new WeakMap<InfisicalTool, Tool>();

function advertisedDefinition(tool: InfisicalTool): Tool {
  let definition = definitions.get(tool);
  if (!definition) {
    definition = toToolDefinition(tool);
    definitions.set(tool, definition);
  }
  return definition;
}

function toToolDefinition(tool: InfisicalTool): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: withDefaultsOptional(toJsonSchema(tool.inputSchema)) as Tool['inputSchema'],
    outputSchema: toJsonSchema(tool.outputSchema) as Tool['outputSchema'],
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
