import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;

/**
 * The SDK checks a request's params against the method's schema before the handler runs, and
 * answers a mismatch (`"arguments": []`, `"params": "x"`) as an internal error, -32603. The
 * client sent bad params and must hear so: -32602, naming the fields. This wraps every request
 * handler of `server`, those registered later included; call it right after construction.
 */
export function answerSchemaMismatchAsInvalidParams(server: Server): void {
  const handlers = (server as unknown as { _requestHandlers?: Map<string, RequestHandler> })
    ._requestHandlers;
  // Another SDK version may keep its handlers elsewhere: then it answers as it always did.
  if (!(handlers instanceof Map)) return;
  const set = handlers.set.bind(handlers);
  const wrap =
    (handler: RequestHandler): RequestHandler =>
    async (request, extra) => {
      try {
        return await handler(request, extra);
      } catch (error) {
        throw isSchemaMismatch(error) ? invalidParams(error) : error;
      }
    };
  for (const [method, handler] of [...handlers]) set(method, wrap(handler));
  handlers.set = (method, handler) => set(method, wrap(handler));
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
function invalidParams({ issues }: { issues: SchemaIssue[] }): McpError {
  const described = issues
    .slice(0, 5)
    .map((issue) => `${(issue.path ?? []).map(String).join('.') || 'params'}: ${issue.message}`)
    .join('; ');
  return new McpError(ErrorCode.InvalidParams, `Invalid params: ${described}`);
}
