import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { JsonRpcCode, sendJsonRpcError } from '../json-rpc-errors.js';
import { SessionRefusedError } from '../session-refused-error.js';
import { connectWatched, registerSession, sessionFor } from '../sessions/open-session.js';
import type { Session } from '../sessions/session-registry.js';
import { WebSocketServerTransport } from './websocket-server-transport.js';

export const WEBSOCKET_SUBPROTOCOL = 'mcp';

/**
 * Serves MCP over WebSocket at `path`. Frames above the body limit close the connection with
 * 1009 (ws's own check); a client that offers subprotocols but not `mcp` is refused.
 */
export async function registerWebSocketRoute(
  app: FastifyInstance,
  context: HttpContext,
  path: string,
): Promise<void> {
  await app.register(websocket, {
    options: {
      maxPayload: context.options.maxBodyBytes,
      handleProtocols: (protocols) =>
        protocols.has(WEBSOCKET_SUBPROTOCOL) ? WEBSOCKET_SUBPROTOCOL : false,
    },
  });
  // A refused upgrade (401, 403, 429…) is answered on a socket that no HTTP parser owns any
  // more: nothing would ever close it, and an open socket holds up graceful shutdown forever.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 101 && request.headers.upgrade?.toLowerCase() === 'websocket') {
      request.raw.socket.destroy();
    }
  });
  const refuseOtherSubprotocols = async (request: FastifyRequest, reply: FastifyReply) => {
    const offered = request.headers['sec-websocket-protocol'];
    if (offered === undefined) return;
    const protocols = offered.split(',').map((protocol) => protocol.trim());
    if (!protocols.includes(WEBSOCKET_SUBPROTOCOL)) {
      return sendJsonRpcError(
        reply,
        400,
        JsonRpcCode.InvalidRequest,
        `Unsupported WebSocket subprotocol: offer "${WEBSOCKET_SUBPROTOCOL}"`,
      );
    }
  };
  app.get(
    path,
    { websocket: true, preValidation: refuseOtherSubprotocols },
    async (socket, request) => {
      // An upgrade has no response to close: the slot goes when the session registers, or the
      // socket closes first.
      socket.once('close', () => context.limits.releaseSession(request.raw));
      const transport = new WebSocketServerTransport(
        socket,
        context.options.websocketPingIntervalMs,
        context.options.serializeMessage,
      );
      const id = transport.sessionId;
      let session: Session;
      try {
        session = sessionFor(context, request, 'websocket', id, transport);
      } catch (error) {
        if (!(error instanceof SessionRefusedError)) throw error;
        // 1008: policy violation; the reason is limited to 123 bytes by the protocol.
        socket.close(1008, error.message.slice(0, 120));
        return;
      }
      transport.onclose = () => context.sessions.forget(id);
      registerSession(context, request, session);
      context.metrics.sessionsOpened.inc({ transport: 'websocket' });
      await connectWatched(session.server, transport, context, request, session);
    },
  );
}
