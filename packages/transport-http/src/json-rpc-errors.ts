import type { FastifyReply } from 'fastify';
import { parseJsonRpcMessage } from './json-rpc-message.js';

/** JSON-RPC error codes used by HTTP answers that never reach an MCP server. */
export const JsonRpcCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  ServerError: -32000,
  SessionNotFound: -32001,
} as const;

export function jsonRpcError(code: number, message: string) {
  return { jsonrpc: '2.0' as const, id: null, error: { code, message } };
}

export function sendJsonRpcError(
  reply: FastifyReply,
  status: number,
  code: number,
  message: string,
): FastifyReply {
  return reply.code(status).type('application/json').send(jsonRpcError(code, message));
}

/**
 * Hands the raw response to an MCP SDK transport. Fastify stops managing the reply, so the
 * headers it already set (CORS) are copied onto the raw response first.
 */
export function handOverToTransport(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value as string | number | string[]);
  }
  reply.hijack();
}

/** A POST body must be one JSON-RPC message or a batch of them; anything else is -32600. */
export function isJsonRpcPayload(body: unknown): boolean {
  const messages = Array.isArray(body) ? body : [body];
  return (
    messages.length > 0 && messages.every((message) => parseJsonRpcMessage(message) !== undefined)
  );
}

export function rejectNonJsonRpc(reply: FastifyReply): FastifyReply {
  return sendJsonRpcError(
    reply,
    400,
    JsonRpcCode.InvalidRequest,
    'Invalid request: the body is not a JSON-RPC 2.0 message',
  );
}

/** A session id is not a credential: another client presenting it is refused. */
export function refuseForeignSession(reply: FastifyReply): FastifyReply {
  return sendJsonRpcError(
    reply,
    403,
    JsonRpcCode.ServerError,
    'This session belongs to another client',
  );
}
