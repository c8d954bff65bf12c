import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';

interface RouteAccess {
  /** Never rate limited, and answered while shutdown drains: liveness must hold to the end. */
  probe?: boolean;
  /** Answered without client authentication (load balancers have no key). */
  public?: boolean;
}

/** Liveness and readiness: probes, public. The Host check applies to them as to any route. */
export const PROBE_ROUTE: { config: RouteAccess } = { config: { probe: true, public: true } };

export function isProbeRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as RouteAccess | undefined)?.probe === true;
}

export function isPublicRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as RouteAccess | undefined)?.public === true;
}

/**
 * Liveness, readiness and Prometheus metrics. The metrics tell who uses the server and how
 * (sessions, tools called, refusals), so they need client authentication unless the operator
 * makes them public.
 */
export function registerHealthRoutes(app: FastifyInstance, context: HttpContext): void {
  app.get('/health', PROBE_ROUTE, async () => {
    const { name, version } = context.options.describe();
    return {
      status: 'ok',
      name,
      version,
      uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000),
      sessions: context.sessions.connections + context.streamable.size,
      sessionStore: context.store.kind,
    };
  });

  app.get('/ready', PROBE_ROUTE, async (_request, reply) => {
    const storeProblem = context.store.unavailable();
    if (storeProblem) return reply.code(503).send({ ready: false, detail: storeProblem });
    const report = context.options.checkReadiness
      ? await context.options.checkReadiness().catch((error: unknown) => ({
          ready: false,
          detail: error instanceof Error ? error.message : String(error),
        }))
      : { ready: true };
    return reply.code(report.ready ? 200 : 503).send(report);
  });

  const metricsAccess = { probe: true, public: context.options.publicMetrics };
  app.get('/metrics', { config: metricsAccess }, async (_request, reply) => {
    const body = await context.metrics.registry.metrics();
    return reply.type(context.metrics.registry.contentType).send(body);
  });
}
