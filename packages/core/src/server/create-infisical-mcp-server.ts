import type { Server, ServerOptions } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  type ConnectionOptions,
  createInfisicalClient,
} from '../infisical/create-infisical-client.js';
import { InfisicalClient } from '../infisical/infisical-client.js';
import { type Logger, silentLogger } from '../logger.js';
import { logAuditSink } from '../safety/audit-trail.js';
import type { Policy } from '../safety/policy.js';
import { SAFETY_ARGUMENT_INSTRUCTIONS } from '../safety/safety-arguments.js';
import { allTools } from '../tools/all-tools.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import { CORE_VERSION } from '../version.js';
import { createCallToolHandler } from './call-tool-handler.js';
import { DynamicToolsets, type SessionToolsets } from './dynamic-toolsets.js';
import { oncePerObject } from './once-per-object.js';
import { ParamsCheckedServer } from './params-checked-server.js';
import {
  type ResourceAndPromptOptions,
  registerResourcesAndPrompts,
} from './register-resources-and-prompts.js';
import { type ServedCatalogue, servedCatalogue } from './served-catalogue.js';

export interface InfisicalMcpServerOptions extends ResourceAndPromptOptions {
  /**
   * Where and how to reach Infisical: connection settings, or a client built with
   * `createInfisicalClient` to share one token cache between many servers (HTTP sessions).
   */
  infisical: ConnectionOptions | InfisicalClient;
  /** The tool catalogue to serve. Defaults to every Infisical tool. */
  tools?: readonly InfisicalTool[];
  /**
   * Which tools, what values, which environments, when to ask, where the trail goes: required
   * and taken whole, so no setting can be lost on the way (`defaultPolicy()` for the official
   * server's behaviour; `readPolicy` reads the INFISICAL_* variables into one).
   */
  policy: Policy;
  /** Who is calling, for the audit trail: "local" (default) on stdio, a key id over HTTP. */
  principal?: string;
  /**
   * Start each session with a few reads plus list-toolsets and enable-toolset, which adds a
   * toolset's tools (within the policy) and sends `notifications/tools/list_changed`.
   */
  dynamicToolsets?: boolean;
  /**
   * With `dynamicToolsets`, where the session keeps the toolsets it enabled: an HTTP server
   * builds a server for a session again (another request, another replica) from its record.
   */
  sessionToolsets?: SessionToolsets;
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
  const { policy } = options;
  const served = servedCatalogue(options.tools ?? allTools, {
    ...policy,
    resources: options.resources,
    prompts: options.prompts,
  });

  const server = new ParamsCheckedServer(
    options.serverInfo ?? { name: 'infisical-mcp', version: CORE_VERSION },
    options.dynamicToolsets ? dynamicServerOptionsFor(served) : serverOptionsFor(served),
  );

  const dynamic = options.dynamicToolsets
    ? new DynamicToolsets(served, () => server.sendToolListChanged(), options.sessionToolsets)
    : undefined;
  server.setRequestHandler(ListToolsRequestSchema, dynamic?.listTools ?? served.listTools);

  const callTool = createCallToolHandler({
    server,
    served: dynamic
      ? { toolsByName: dynamic.toolsByName, catalogueNames: served.catalogueNames }
      : served,
    client,
    logger,
    policy,
    principal: options.principal ?? 'local',
    audit: policy.audit === false ? undefined : (policy.audit ?? logAuditSink(logger)),
  });
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    dynamic?.handles(request.params.name) ? dynamic.call(request) : callTool(request, extra),
  );

  registerResourcesAndPrompts(server, { served, client, logger });
  return server;
}

/** The capabilities come from the catalogue, so servers that share one share these too. */
const serverOptionsFor = oncePerObject(
  (served: ServedCatalogue): ServerOptions => ({
    capabilities: served.capabilities,
    jsonSchemaValidator: sharedJsonSchemaValidator(),
    instructions: `Tools for the Infisical secrets manager. Start with list-projects to find project IDs and environment slugs; secret paths start with "/". ${SAFETY_ARGUMENT_INSTRUCTIONS}`,
  }),
);

/** The same, announcing that the tool list changes as a session enables toolsets. */
const dynamicServerOptionsFor = oncePerObject((served: ServedCatalogue): ServerOptions => {
  const options = serverOptionsFor(served);
  return {
    ...options,
    capabilities: { ...options.capabilities, tools: { listChanged: true } },
    instructions: `${options.instructions} Only a few tools are listed at first: list-toolsets shows the others, enable-toolset adds them.`,
  };
});

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
