import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { AnyObjectSchema, SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import { Protocol, type RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode,
  type Notification,
  type Request,
  type Result,
  type ServerNotification,
  type ServerRequest,
  type ServerResult,
} from '@modelcontextprotocol/sdk/types.js';
import { ProtocolError } from './protocol-error.js';

type RequestSchema = AnyObjectSchema;
type Extra = RequestHandlerExtra<ServerRequest | Request, ServerNotification | Notification>;
type Answer = ServerResult | Result | Promise<ServerResult | Result>;
type RequestHandler = (request: unknown, extra: Extra) => Answer;

/**
 * The SDK checks a request's params against the method's schema before the handler runs, and
 * answers a mismatch (`"arguments": []`, `"params": "x"`) as an internal error, -32603. The
 * client sent bad params and must hear so: -32602, naming the fields.
 *
 * Done through the SDK's public surface: every handler (the SDK's own `initialize`, `ping` and
 * `logging/setLevel` included, since its constructor registers them through this method) is
 * registered under a schema that only names the method, and checks its own params first.
 */
export class ParamsCheckedServer extends Server {
  override setRequestHandler<T extends AnyObjectSchema>(
    schema: T,
    typedHandler: (request: SchemaOutput<T>, extra: Extra) => Answer,
  ): void {
    const handler = typedHandler as RequestHandler;
    const method = methodOf(schema);
    const checked: RequestHandler = (request, extra) =>
      handler(parseParams(schema, request), extra);
    const anyParams = anyParamsRequest(schema, method);
    if (method === 'tools/call') {
      // The Server's own tools/call wrapper checks params too, answering a mismatch with its
      // "MCP error" prefix and the whole zod report; it adds nothing else for a server without
      // tasks. Registered as every Protocol handler is, so params are checked here alone.
      Protocol.prototype.setRequestHandler.call(this as never, anyParams, checked as never);
      return;
    }
    super.setRequestHandler(anyParams, checked);
  }
}

const anyParamsSchemas = new Map<string, RequestSchema>();

interface ObjectSchemaMethods {
  pick(keys: { method: true }): { loose?(): RequestSchema; passthrough?(): RequestSchema };
}

/**
 * A schema matching any request of `method`, made from the method's own schema (zod 4 as the
 * SDK's, or zod 3): only its `method` is checked, and everything else is kept for the handler.
 */
function anyParamsRequest(schema: RequestSchema, method: string): RequestSchema {
  let anyParams = anyParamsSchemas.get(method);
  if (!anyParams) {
    const picked = (schema as unknown as ObjectSchemaMethods).pick({ method: true });
    anyParams = picked.loose?.() ?? picked.passthrough?.();
    if (!anyParams) throw new Error(`The request schema of ${method} is not an object schema`);
    anyParamsSchemas.set(method, anyParams);
  }
  return anyParams;
}

function methodOf(schema: RequestSchema): string {
  const method = (schema as { shape?: { method?: { value?: unknown; values?: Set<unknown> } } })
    .shape?.method;
  const literal = method?.value ?? [...(method?.values ?? [])][0];
  if (typeof literal !== 'string') throw new Error('A request schema must name its method');
  return literal;
}

interface SchemaIssue {
  path?: PropertyKey[];
  message?: string;
}

interface ParsingSchema {
  safeParse(data: unknown): { success: true; data: unknown } | { success: false; error: unknown };
}

function parseParams(schema: RequestSchema, request: unknown): unknown {
  const result = (schema as unknown as ParsingSchema).safeParse(request);
  if (result.success) return result.data;
  throw invalidParams((result.error as { issues?: SchemaIssue[] }).issues ?? []);
}

/** Built from the issues' paths and messages only: they describe types, never quote values. */
function invalidParams(issues: SchemaIssue[]): ProtocolError {
  const described = issues
    .slice(0, 5)
    .map((issue) => `${(issue.path ?? []).map(String).join('.') || 'params'}: ${issue.message}`)
    .join('; ');
  return new ProtocolError(ErrorCode.InvalidParams, `Invalid params: ${described}`);
}
