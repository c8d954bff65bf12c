import {
  type JSONRPCMessage,
  type MessageExtraInfo,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { handOverToTransport, JsonRpcCode, sendJsonRpcError } from '../json-rpc-errors.js';
import { isRequest } from '../json-rpc-shapes.js';
import { connectWatched, serverFor } from '../sessions/open-session.js';
import { PostExchange } from './post-exchange.js';
import { SessionTransport } from './session-transport.js';

/** The most messages one batch may carry (the SDK's Streamable HTTP transport has the same). */
export const MAX_BATCH_SIZE = 100;

/**
 * A POST with neither a session nor `Accept: text/event-stream` is what curl sends in the seed's
 * examples: answer it statelessly with a JSON body, no initialize needed. Each request gets its
 * own short-lived MCP server, so nothing carries over between requests. The route has already
 * checked that the body is JSON-RPC.
 */
export async function answerPlainJsonRpc(
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
): Promise<FastifyReply | undefined> {
  const batch = Array.isArray(request.body);
  const messages = (batch ? request.body : [request.body]) as JSONRPCMessage[];
  const versionRefusal = protocolVersionRefusal(request);
  if (versionRefusal) {
    return sendJsonRpcError(reply, 400, JsonRpcCode.ServerError, versionRefusal);
  }
  const refusal = batchRefusal(messages);
  if (refusal) return sendJsonRpcError(reply, 400, refusal.code, refusal.message);

  const server = serverFor(context, request, 'plain-json-rpc');
  // Counted only once the server exists: a factory that refuses leaves nothing in flight.
  const done = context.sessions.trackStateless();
  // Closed with the response, answered or not: a client that hangs up cancels its calls.
  reply.raw.once('close', () => {
    done();
    void server.close().catch(() => {});
  });
  // Nothing unprompted can reach a client without a session: such messages are dropped.
  const transport = new SessionTransport('', { sendUnrelated: async () => {} });
  await connectWatched(server, transport, context, request);
  context.metrics.sessionsOpened.inc({ transport: 'plain-json-rpc' });
  const requestIds = messages.filter(isRequest).map((message) => message.id);
  if (requestIds.length === 0) {
    transport.deliver(messages, messageExtraOf(request), { answer: () => {}, stream: () => {} });
    return reply.code(202).send();
  }
  handOverToTransport(reply);
  const exchange = new PostExchange({
    response: reply.raw,
    requestIds,
    batch,
    serialize: context.options.serializeMessage,
    headers: {},
    streamAtOnce: false,
    primeStream: false,
  });
  transport.deliver(messages, messageExtraOf(request), exchange);
  return undefined;
}

/** What a handler learns of the HTTP request its message came in. */
export function messageExtraOf(request: FastifyRequest): MessageExtraInfo {
  let url: URL | undefined;
  return {
    authInfo: (request.raw as { auth?: MessageExtraInfo['authInfo'] }).auth,
    requestInfo: {
      headers: request.headers,
      // Parsed when a handler first asks: few do, and parsing costs every message microseconds.
      get url() {
        url ??= new URL(request.url, `${request.protocol}://${request.host}`);
        return url;
      },
    },
  };
}

/** A request of a protocol version this server does not speak is refused (the spec's 400). */
export function protocolVersionRefusal(request: FastifyRequest): string | undefined {
  const version = request.headers['mcp-protocol-version'];
  if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    return `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`;
  }
  return undefined;
}

/** What the SDK's transport would refuse in a batch, checked before any server sees it. */
export function batchRefusal(
  messages: readonly JSONRPCMessage[],
): { code: number; message: string } | undefined {
  if (messages.length > MAX_BATCH_SIZE) {
    return {
      code: JsonRpcCode.InvalidRequest,
      message: `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`,
    };
  }
  const ids = new Set<RequestId>();
  for (const message of messages) {
    if (!isRequest(message)) continue;
    if (ids.has(message.id)) {
      return {
        code: JsonRpcCode.InvalidRequest,
        message: `Invalid Request: request id ${JSON.stringify(message.id)} appears twice in the batch`,
      };
    }
    ids.add(message.id);
  }
  return undefined;
}
