import type { FastifyReply } from 'fastify';

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
