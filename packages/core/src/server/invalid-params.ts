import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ProtocolError } from './protocol-error.js';

type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;

/**
 * The SDK checks a request's params against the method's schema before the handler runs, and
 * answers a mismatch (`"arguments": []`, `"params": "x"`) as an internal error, -32603. The
 * client sent bad params and must hear so: -32602, naming the fields. This covers every request
 * handler of `server`, those registered later included.
 *
 * The handler is wrapped when the SDK looks it up for a request, not when it is registered: an
 * HTTP server builds a server per session, and a wrapper kept per handler per session was a
 * tenth of what an idle session held. The lookup function is one for all servers.
 */
export function answerSchemaMismatchAsInvalidParams(server: Server): void {
  const handlers = (server as unknown as { _requestHandlers?: Map<string, RequestHandler> })
    ._requestHandlers;
  // Another SDK version may keep its handlers elsewhere: then it answers as it always did.
  if (!(handlers instanceof Map)) return;
  handlers.get = handlerAnsweringInvalidParams;
}

function handlerAnsweringInvalidParams(
  this: Map<string, RequestHandler>,
  method: string,
): RequestHandler | undefined {
  const handler = Map.prototype.get.call(this, method) as RequestHandler | undefined;
  if (!handler) return undefined;
  return async (request, extra) => {
    try {
      return await handler(request, extra);
    } catch (error) {
      throw isSchemaMismatch(error) ? invalidParams(error) : error;
    }
  };
}

interface SchemaIssue {
  path?: PropertyKey[];
  message?: string;
}

function isSchemaMismatch(error: unknown): error is { issues: SchemaIssue[] } {
  return (
    error instanceof Error &&
    !(error instanceof McpError) &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/** Built from the issues' paths and messages only: they describe types, never quote values. */
function invalidParams({ issues }: { issues: SchemaIssue[] }): ProtocolError {
  const described = issues
    .slice(0, 5)
    .map((issue) => `${(issue.path ?? []).map(String).join('.') || 'params'}: ${issue.message}`)
    .join('; ');
  return new ProtocolError(ErrorCode.InvalidParams, `Invalid params: ${described}`);
}
