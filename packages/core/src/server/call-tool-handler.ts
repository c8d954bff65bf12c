import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type CallToolRequest,
  type CallToolResult,
  ElicitResultSchema,
  ErrorCode,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import { lazyChildLogger } from '../lazy-child-logger.js';
import type { Logger } from '../logger.js';
import { type AuditOutcome, type AuditSink, auditEntry } from '../safety/audit-trail.js';
import { type CallTarget, resolveCallTarget } from '../safety/call-target.js';
import { confirmDestructiveCall, type ElicitAnswer } from '../safety/confirm-destructive.js';
import { dryRunReport } from '../safety/dry-run.js';
import type { Policy } from '../safety/policy.js';
import { ProtectedEnvironments } from '../safety/protected-environments.js';
import { addedSafetyArguments, splitSafetyArguments } from '../safety/safety-arguments.js';
import { narrowerValuePolicy } from '../safety/secret-value-policy.js';
import { applyValuePolicy } from '../safety/secret-value-schema.js';
import type { ToolContext } from '../tools/infisical-tool.js';
import { ToolInputError } from '../tools/tool-input-error.js';
import { validateArguments } from '../tools/validate-arguments.js';
import { describeInfisicalFailure, isInfisicalFailure } from './describe-tool-error.js';
import { environmentSlugLookup } from './environment-slug-lookup.js';
import { ProtocolError } from './protocol-error.js';
import type { ServedCatalogue } from './served-catalogue.js';
import { errorResult, successResult } from './tool-result.js';

export interface CallToolHandlerOptions {
  server: Server;
  served: Pick<ServedCatalogue, 'toolsByName' | 'catalogueNames'>;
  client: InfisicalClient;
  logger: Logger;
  policy: Policy;
  /** Who is calling, for the audit trail: "local" on stdio, a key id or OAuth subject over HTTP. */
  principal: string;
  /** Where audit entries go; undefined: nowhere. */
  audit?: AuditSink;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Runs one `tools/call` through the server's policies, in a fixed order: arguments, the
 * declared target, protected environments, dry run, confirmation, the tool, the value policy
 * on its output. Whatever the
 * path, the audit trail gets exactly one entry.
 */
export function createCallToolHandler(options: CallToolHandlerOptions) {
  const { server, served, client, logger, policy, principal, audit } = options;
  const protectedEnvironments = ProtectedEnvironments.of(
    policy.allowProtectedWrites ? [] : policy.protectedEnvironments,
  );
  const { toolsByName, catalogueNames } = served;

  return async (request: CallToolRequest, extra: Extra): Promise<CallToolResult> => {
    const { name } = request.params;
    const started = performance.now();
    let target: CallTarget | undefined;
    let outcome: AuditOutcome = 'error';
    let reason: string | undefined;
    try {
      const tool = toolsByName.get(name);
      if (!tool) {
        outcome = 'not-enabled';
        const message = catalogueNames.has(name)
          ? `Tool "${name}" is not enabled on this server. Enabled tools: ${[...toolsByName.keys()].join(', ')}`
          : `Unknown tool: "${name}". tools/list shows the available tools.`;
        throw new ProtocolError(ErrorCode.InvalidParams, message);
      }

      const { accepted } = addedSafetyArguments(tool, policy.confirmDestructive);
      const split = splitSafetyArguments(request.params.arguments, accepted);
      if (!split.ok) {
        outcome = 'invalid-arguments';
        return errorResult(split.message);
      }
      const checked = validateArguments(tool, split.rest);
      if (!checked.ok) {
        outcome = 'invalid-arguments';
        return errorResult(checked.message);
      }
      const input = checked.value;
      const includeValues = split.safety.includeValues ?? input.includeValues;
      const values = narrowerValuePolicy(
        policy.secretValues,
        includeValues === false ? 'deny' : undefined,
      );
      const callLogger = lazyChildLogger(logger, { tool: name, requestId: extra.requestId });
      try {
        return await client.forCall(async (infisical): Promise<CallToolResult> => {
          // Resolving an environment ID is the only request a call makes before its policies.
          const resolved = await resolveCallTarget(
            tool,
            input,
            environmentSlugLookup(infisical, extra.signal),
          );
          target = resolved;
          const refusal = protectedEnvironments.refusal(tool, resolved);
          if (refusal) {
            outcome = 'refused';
            reason = 'protected environment';
            return errorResult(refusal);
          }
          if (split.safety.dryRun) {
            outcome = 'dry-run';
            return successResult(dryRunReport(tool, resolved, input, values, policy.valueMasker));
          }
          if (tool.annotations.destructiveHint) {
            const confirmation = await confirmDestructiveCall({
              mode: policy.confirmDestructive,
              toolName: tool.name,
              target: resolved,
              confirmArgument: split.safety.confirm,
              elicit: server.getClientCapabilities()?.elicitation
                ? (message) => elicitConfirmation(extra, message)
                : undefined,
            });
            if (!confirmation.confirmed) {
              outcome = confirmation.outcome;
              reason = confirmation.outcome === 'refused' ? 'confirmation required' : undefined;
              return errorResult(confirmation.message);
            }
          }
          const output = await tool.handler(input as never, {
            infisical,
            logger: callLogger,
            signal: extra.signal,
            reportProgress: progressReporter(extra._meta?.progressToken, extra.sendNotification),
          });
          callLogger.debug({ ms: Math.round(performance.now() - started) }, 'tool call succeeded');
          outcome = 'ok';
          return successResult(
            applyValuePolicy(tool.outputSchema, output, values, policy.valueMasker),
          );
        });
      } catch (error) {
        const failure = failureResult(error, callLogger);
        reason = failure.reason;
        return failure.result;
      }
    } finally {
      // A name the catalogue does not know is whatever the client wrote, perhaps a value.
      const logged = catalogueNames.has(name) ? name : '<unknown tool>';
      audit?.(auditEntry(principal, logged, target, outcome, started, reason));
    }
  };
}

/** Asks the user, through the client, whether to go ahead; the request belongs to the call. */
async function elicitConfirmation(extra: Extra, message: string): Promise<ElicitAnswer> {
  const result = await extra.sendRequest(
    {
      method: 'elicitation/create',
      params: { mode: 'form', message, requestedSchema: { type: 'object', properties: {} } },
    },
    ElicitResultSchema,
  );
  return result.action;
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

function failureResult(error: unknown, logger: Logger): { result: CallToolResult; reason: string } {
  if (error instanceof ToolInputError) {
    return { result: errorResult(error.message), reason: 'invalid input' };
  }
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
    return {
      result: errorResult(describeInfisicalFailure(error)),
      reason: error.kind === 'http' ? `Infisical ${error.status}` : `Infisical ${error.kind}`,
    };
  }
  logger.error({ err: error }, 'tool handler failed unexpectedly');
  return {
    result: errorResult('The tool failed with an internal error; the server log has the details.'),
    reason: 'internal error',
  };
}
