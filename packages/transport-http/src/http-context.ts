import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedHttpServerOptions } from './http-server-options.js';
import { ClientLimits } from './limits/client-limits.js';
import { HttpMetrics } from './observability/http-metrics.js';
import { ThrottledLog } from './observability/throttled-log.js';
import { SessionRegistry } from './sessions/session-registry.js';
import type { SessionStore } from './sessions/session-store.js';
import { StreamableSessions } from './sessions/streamable-sessions.js';

/** What every route module of the HTTP server shares, across one or two listeners. */
export interface HttpContext {
  options: ResolvedHttpServerOptions;
  /** Live MCP servers: one per connection, and one per Streamable HTTP session in use here. */
  sessions: SessionRegistry;
  /** The Streamable HTTP sessions this replica opened or served, for the session caps. */
  streamable: StreamableSessions;
  /** Where Streamable HTTP sessions live: their records and events (memory or Redis). */
  store: SessionStore;
  metrics: HttpMetrics;
  /** Per-client rates, session caps and the tool-call timeout. */
  limits: ClientLimits;
  logger: FastifyBaseLogger;
  /** 'refused a client' lines, one per window across both listeners, plus a summary. */
  refusalLog: ThrottledLog;
  startedAt: number;
  /** Set when shutdown begins: new requests are refused, calls in flight may finish. */
  closing: boolean;
  /** The WebSocket port actually bound, once listening (it may have been 0). */
  websocketPort?: number;
}

/** A client refused by authentication is logged at most once in this time, plus a summary. */
const REFUSAL_LOG_WINDOW_MS = 10_000;

/**
 * Intervals fixed in production that a test shortens, so it need not wait them out. No setting
 * reaches them: they are not part of the package's options.
 */
export interface HttpContextInternals {
  /** Default {@link REFUSAL_LOG_WINDOW_MS}. */
  refusalLogWindowMs?: number;
}

export function createHttpContext(
  options: ResolvedHttpServerOptions,
  logger: FastifyBaseLogger,
  store: SessionStore,
  internals: HttpContextInternals = {},
): HttpContext {
  const sessions = new SessionRegistry(
    {
      idleTimeoutMs: options.sessionIdleTimeoutMs,
      serverReleaseMs: options.sessionServerReleaseMs,
    },
    (session, reason) => logger.debug({ transport: session.kind, reason }, 'server closed'),
  );
  const streamable = new StreamableSessions(options.sessionIdleTimeoutMs);
  const metrics = new HttpMetrics(options.metricsRegistry, () => {
    const counts = sessions.countByKind();
    counts.set('streamable-http', streamable.size);
    return counts;
  });
  return {
    options,
    sessions,
    streamable,
    store,
    metrics,
    limits: new ClientLimits(options.limits, sessions, streamable, metrics.registry),
    logger,
    refusalLog: new ThrottledLog(
      internals.refusalLogWindowMs ?? REFUSAL_LOG_WINDOW_MS,
      (refused, windowSeconds) =>
        logger.info({ refused, windowSeconds }, 'refused more clients, not logged one by one'),
    ),
    startedAt: Date.now(),
    closing: false,
  };
}

/**
 * The first half of a graceful shutdown: refuse new work, wait up to the grace period for calls
 * in flight to be answered, then close every session and stream.
 */
export async function drainSessions(context: HttpContext): Promise<void> {
  context.closing = true;
  const deadline = Date.now() + context.options.shutdownGraceMs;
  while (context.sessions.inFlight() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await context.sessions.closeAll('shutdown');
  context.streamable.clear();
}
