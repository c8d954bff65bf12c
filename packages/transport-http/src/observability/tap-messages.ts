import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { cancelledRequestId, isRequest, isResponse } from '../json-rpc-shapes.js';
import type { Session } from '../sessions/session-registry.js';
import type { HttpMetrics } from './http-metrics.js';

interface PendingCall {
  /** The `tools/call` name as the client sent it; labelled once the answer shows it is served. */
  tool?: { name: unknown };
  started: number;
}

/**
 * Watches the JSON-RPC messages that cross a connected transport: counts requests in flight
 * until answered or cancelled (shutdown waits for them) and times tool calls by tool and
 * outcome. Call after `server.connect(transport)`, which installs the handlers wrapped here.
 */
export function tapMessages(
  transport: Transport,
  metrics: HttpMetrics,
  session?: Pick<Session, 'inFlight' | 'lastActivity'>,
): void {
  const pending = new Map<string | number, PendingCall>();
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (isRequest(message)) {
      pending.set(message.id, {
        tool:
          message.method === 'tools/call'
            ? { name: (message.params as { name?: unknown } | undefined)?.name }
            : undefined,
        started: performance.now(),
      });
      if (session) session.inFlight++;
    } else {
      // A cancelled request is never answered (the SDK drops its result), yet it held the
      // session busy: shutdown waited out its grace period for it, and a Streamable HTTP
      // session's server was never let go.
      const cancelled = cancelledRequestId(message);
      if (cancelled !== undefined && pending.delete(cancelled) && session) {
        session.inFlight = Math.max(0, session.inFlight - 1);
      }
    }
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if (isResponse(message)) {
      const call = pending.get(message.id);
      if (call) {
        pending.delete(message.id);
        if (session) {
          session.inFlight = Math.max(0, session.inFlight - 1);
          session.lastActivity = Date.now();
        }
        if (call.tool !== undefined) {
          const outcome =
            'error' in message
              ? 'protocol_error'
              : (message as { result?: { isError?: boolean } }).result?.isError
                ? 'tool_error'
                : 'ok';
          // Invalid params is the answer to a tool this server does not serve: its name is
          // whatever the client wrote, perhaps a value, and must not become a label.
          const served =
            !('error' in message) ||
            (message as { error?: { code?: number } }).error?.code !== ErrorCode.InvalidParams;
          const labels = { tool: metrics.toolLabel(call.tool.name, served), outcome };
          metrics.toolCalls.inc(labels);
          metrics.toolCallDuration.observe(labels, (performance.now() - call.started) / 1000);
        }
      }
    }
    return send(message, options);
  };
}
