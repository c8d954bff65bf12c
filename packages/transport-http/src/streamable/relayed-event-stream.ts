import {
  isJSONRPCErrorResponse,
  isJSONRPCResultResponse,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';
import { handOverToTransport, JsonRpcCode, sendJsonRpcError } from '../json-rpc-errors.js';
import { streamIdOf } from '../redis/redis-event-store.js';
import type { SessionStore, StoredEvent } from '../sessions/session-store.js';

/** The SDK's id for the stream a GET opens without `Last-Event-ID`. */
export const STANDALONE_STREAM_ID = '_GET_stream';

const KEEP_ALIVE_MS = 15_000;

/**
 * A GET event stream, on either store: this replica writes what any part of the server (any
 * replica, with Redis) stores for the stream. With `Last-Event-ID` it first replays what the
 * client missed from the store, then goes on live; a POST's stream ends after its response, as it would have on the replica
 * that answered the POST. Subscribing before reading the backlog means nothing falls between
 * the two; event ids drop what both delivered.
 */
export async function serveRelayedStream(
  sessionId: string,
  lastEventId: string | undefined,
  reply: FastifyReply,
  store: SessionStore,
): Promise<void> {
  const resumedStream = lastEventId ? streamIdOf(lastEventId) : undefined;
  if (lastEventId && !resumedStream) {
    return void sendJsonRpcError(reply, 400, JsonRpcCode.ServerError, 'Invalid event ID format');
  }
  const streamId = resumedStream ?? STANDALONE_STREAM_ID;

  const early: StoredEvent[] = [];
  let end: (() => void) | undefined;
  let deliver: ((event: StoredEvent) => void) | undefined;
  let stopListening: () => void;
  let backlog: StoredEvent[] | undefined = [];
  try {
    stopListening = await store.relay.listen(sessionId, (message) => {
      // The session ended (DELETE, eviction), perhaps through another replica.
      if (message.type === 'closed') return void end?.();
      if (message.type !== 'event' || message.event.streamId !== streamId) return;
      if (deliver) deliver(message.event);
      else early.push(message.event);
    });
    if (lastEventId) {
      backlog = await store.eventsAfter(sessionId, streamId, lastEventId).catch((error) => {
        stopListening();
        throw error;
      });
    }
  } catch {
    return void sendJsonRpcError(
      reply.header('retry-after', '2'),
      503,
      JsonRpcCode.ServerError,
      'Session store unavailable: cannot open the event stream; retry later',
    );
  }

  if (!backlog) {
    stopListening();
    return void sendJsonRpcError(
      reply,
      400,
      JsonRpcCode.ServerError,
      'Bad Request: Last-Event-ID names no stream of this session',
    );
  }
  handOverToTransport(reply);
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'mcp-session-id': sessionId,
  });
  raw.flushHeaders();
  const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(keepAlive);
    stopListening();
    raw.end();
  };
  raw.on('close', finish);
  end = finish;

  // What both the backlog and the channel delivered goes out once.
  const written = new Set<string>(lastEventId ? [lastEventId] : []);
  const write = (event: StoredEvent) => {
    if (finished || written.has(event.eventId)) return;
    written.add(event.eventId);
    // A priming event (empty message) only moves the cursor.
    if (!('jsonrpc' in event.message)) {
      raw.write(`id: ${event.eventId}\ndata: \n\n`);
      return;
    }
    raw.write(`event: message\nid: ${event.eventId}\ndata: ${JSON.stringify(event.message)}\n\n`);
    const isResponse =
      isJSONRPCResultResponse(event.message) || isJSONRPCErrorResponse(event.message);
    if (isResponse && streamId !== STANDALONE_STREAM_ID) finish();
  };
  for (const event of backlog) write(event);
  for (const event of early) write(event);
  deliver = write;
}
