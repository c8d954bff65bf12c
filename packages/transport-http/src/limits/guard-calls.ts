import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/register-client-auth.js';
import type { HttpContext } from '../http-context.js';
import { isRequest, isResponse } from '../json-rpc-shapes.js';
import { clientKeyOf } from './client-key.js';
import { callRateLimited, toolCallTimedOut } from './limit-errors.js';
import { isCounted } from './uncounted-methods.js';

/** Ids of timed-out calls remembered to drop their late answers; the oldest go first. */
const REMEMBERED_TIMEOUTS = 1000;

/**
 * Applies the call limits to one connected transport, whatever the transport:
 * - every request that may do work behind the server (see {@link isCounted}) counts against
 *   the client's call rate, each message on its own (a batch, a WebSocket); over it, the
 *   request is answered with a JSON-RPC error (-32000, `data.retryAfterSeconds`) and never
 *   reaches the MCP server. An HTTP request or a WebSocket is one request to the request rate
 *   however many calls it carries: this is the limit that bounds the work they cause;
 * - a `tools/call` not answered within the timeout is cancelled as if the client had sent
 *   `notifications/cancelled` (the SDK aborts the handler's AbortSignal and drops its result),
 *   and the client gets a JSON-RPC error (-32001) in its place. A late answer is dropped.
 * Call after {@link tapMessages}, so that refused calls are not counted in flight.
 */
export function guardCalls(
  transport: Transport,
  context: HttpContext,
  request: FastifyRequest,
): void {
  const { limits } = context;
  const { callsPerWindow, rateWindowMs, toolCallTimeoutMs } = limits.options;
  if (callsPerWindow === 0 && toolCallTimeoutMs === 0) return;
  const clientKey = clientKeyOf(request);
  const client = principalOf(request).id;
  const logger = () => context.logger.child({ client });
  const timers = new Map<RequestId, NodeJS.Timeout>();
  const timedOut = new Set<RequestId>();
  const receive = transport.onmessage;
  const send = transport.send.bind(transport);
  const answer = (message: JSONRPCMessage) =>
    send(message).catch((error: unknown) =>
      logger().debug({ err: error }, 'could not answer a limited call'),
    );

  const expire = (id: RequestId) => {
    timers.delete(id);
    timedOut.add(id);
    const oldest = timedOut.values().next().value;
    if (timedOut.size > REMEMBERED_TIMEOUTS && oldest !== undefined) timedOut.delete(oldest);
    limits.count('tool_call_timeout');
    // No tool name: it is whatever the client wrote, and logs must not carry client values.
    logger().warn({ timeoutMs: toolCallTimeoutMs }, 'a tool call timed out and was cancelled');
    // Answered, then cancelled: tapMessages counts the call with this answer as its outcome. A
    // cancellation first would end the call there, as one the client gave up on.
    void answer(toolCallTimedOut(id, toolCallTimeoutMs));
    receive?.({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: id, reason: 'timed out' },
    });
  };

  transport.onmessage = (message, extra) => {
    if (isRequest(message)) {
      // A new request may reuse the id of one that timed out: its answer must go through.
      timedOut.delete(message.id);
      const hit = isCounted(message.method) ? limits.takeCall(clientKey) : undefined;
      if (hit && !hit.allowed) {
        limits.count('call_rate');
        logger().debug('call rate limit reached');
        void answer(
          callRateLimited(
            message.id,
            `Rate limit exceeded: at most ${callsPerWindow} calls (tools/call, resources/read, completion/complete…) per ${rateWindowMs / 1000} s; retry in ${hit.retryAfterSeconds} s`,
            hit.retryAfterSeconds,
          ),
        );
        return;
      }
      if (message.method === 'tools/call' && toolCallTimeoutMs > 0) {
        clearTimeout(timers.get(message.id));
        const timer = setTimeout(() => expire(message.id), toolCallTimeoutMs);
        timer.unref();
        timers.set(message.id, timer);
      }
    }
    receive?.(message, extra);
  };

  transport.send = (message, options) => {
    if (isResponse(message)) {
      if (timedOut.delete(message.id)) return Promise.resolve();
      const timer = timers.get(message.id);
      if (timer) {
        clearTimeout(timer);
        timers.delete(message.id);
      }
    }
    return send(message, options);
  };

  const close = transport.onclose;
  transport.onclose = () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    close?.();
  };
}
