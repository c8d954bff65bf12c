import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { handOverToTransport } from '../json-rpc-errors.js';
import { connectWatched, serverFor } from '../sessions/open-session.js';

/**
 * A POST with neither a session nor `Accept: text/event-stream` is what curl sends in the seed's
 * examples: answer it statelessly with a JSON body, no initialize needed. Each request gets its
 * own short-lived MCP server, so nothing carries over between requests.
 */
export async function answerPlainJsonRpc(
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
): Promise<void> {
  const server = serverFor(context, request, 'plain-json-rpc');
  // Counted only once the server exists: a factory that refuses leaves nothing in flight.
  const done = context.sessions.trackStateless();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  reply.raw.on('close', () => {
    done();
    void server.close().catch(() => {});
  });
  await connectWatched(server, transport, context, request);
  // The SDK transport insists on both media types; a plain client accepts JSON, which is
  // exactly what it gets with enableJsonResponse.
  request.raw.headers.accept = 'application/json, text/event-stream';
  context.metrics.sessionsOpened.inc({ transport: 'plain-json-rpc' });
  handOverToTransport(reply);
  await transport.handleRequest(request.raw, reply.raw, request.body);
}
