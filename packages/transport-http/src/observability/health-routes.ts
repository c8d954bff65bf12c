import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';

/**
 * Marks probe routes: load balancers and kubelets address the server by IP (no allowed Host),
 * and liveness must keep answering while shutdown drains.
 */
export const PROBE_ROUTE = { config: { probe: true } };

export function isProbeRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { probe?: boolean } | undefined)?.probe === true;
}

/** Liveness, readiness and Prometheus metrics. */
export function registerHealthRoutes(app: FastifyInstance, context: HttpContext): void {
  app.get('/health', PROBE_ROUTE, async () => {
    const { name, version } = context.options.describe();
    return {
      status: 'ok',
      name,
      version,
      uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000),
      sessions: context.sessions.size,
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

  app.get('/metrics', PROBE_ROUTE, async (_request, reply) => {
    const body = await context.metrics.registry.metrics();
    return reply.type(context.metrics.registry.contentType).send(body);
  });
}
