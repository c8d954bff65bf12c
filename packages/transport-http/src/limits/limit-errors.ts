import { ErrorCode, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';

/** Why a limit refused (or cut short) a request: the `reason` label of the refusal counter. */
export type LimitReason =
  | 'request_rate'
  | 'call_rate'
  | 'auth_failures'
  | 'sessions_per_client'
  | 'sessions_total'
  | 'tool_call_timeout';

/** -32000 (server error) for refusals, with `data.retryAfterSeconds` saying when to retry. */
export const RATE_LIMITED_CODE = -32000;

export interface LimitRefusal {
  status: 429 | 503;
  reason: LimitReason;
  message: string;
  retryAfterSeconds: number;
}

/**
 * Answers an HTTP request (or WebSocket upgrade) refused by a limit, before any transport, and
 * closes the connection after it: a client over a limit has no use for it before Retry-After.
 */
export function sendLimitRefusal(reply: FastifyReply, refusal: LimitRefusal): FastifyReply {
  return reply
    .code(refusal.status)
    .header('retry-after', String(refusal.retryAfterSeconds))
    .header('connection', 'close')
    .type('application/json')
    .send({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: RATE_LIMITED_CODE,
        message: refusal.message,
        data: { retryAfterSeconds: refusal.retryAfterSeconds },
      },
    });
}

/** The answer to one request refused by the call rate limit. */
export function callRateLimited(id: RequestId, message: string, retryAfterSeconds: number) {
  return {
    jsonrpc: '2.0' as const,
    id,
    error: { code: RATE_LIMITED_CODE, message, data: { retryAfterSeconds } },
  };
}

/** The answer to a tools/call that ran past the timeout; the SDK's own code for timeouts. */
export function toolCallTimedOut(id: RequestId, timeoutMs: number) {
  const seconds = timeoutMs / 1000;
  return {
    jsonrpc: '2.0' as const,
    id,
    error: {
      code: ErrorCode.RequestTimeout,
      message: `Request timed out: the tool call was not answered within ${seconds} s and was cancelled`,
      data: { timeoutSeconds: seconds },
    },
  };
}
