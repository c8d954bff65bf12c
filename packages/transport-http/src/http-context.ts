import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedHttpServerOptions } from './http-server-options.js';
import type { HttpMetrics } from './observability/http-metrics.js';
import type { SessionRegistry } from './sessions/session-registry.js';

/** What every route module of the HTTP server shares. */
export interface HttpContext {
  options: ResolvedHttpServerOptions;
  sessions: SessionRegistry;
  metrics: HttpMetrics;
  logger: FastifyBaseLogger;
  startedAt: number;
  /** The WebSocket port actually bound, once listening (it may have been 0). */
  websocketPort?: number;
}
