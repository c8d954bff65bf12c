import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../http-context.js';

/** Liveness, readiness and Prometheus metrics. */
export function registerHealthRoutes(app: FastifyInstance, context: HttpContext): void {
  app.get('/health', async () => {
    const { name, version } = context.options.describe();
    return {
      status: 'ok',
      name,
      version,
      uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000),
      sessions: context.sessions.size,
    };
  });

  app.get('/ready', async (_request, reply) => {
    const report = context.options.checkReadiness
      ? await context.options.checkReadiness().catch((error: unknown) => ({
          ready: false,
          detail: error instanceof Error ? error.message : String(error),
        }))
      : { ready: true };
    return reply.code(report.ready ? 200 : 503).send(report);
  });

  app.get('/metrics', async (_request, reply) => {
    const body = await context.metrics.registry.metrics();
    return reply.type(context.metrics.registry.contentType).send(body);
  });
}
