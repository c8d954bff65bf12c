import rateLimit from '@fastify/rate-limit';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/register-client-auth.js';
import type { HttpContext } from '../http-context.js';
import { isProbeRoute } from '../observability/health-routes.js';
import { endStreamableSession } from '../sessions/end-session.js';
import { clientKeyOf } from './client-key.js';
import type { ClientLimits, RequestRateCheck } from './client-limits.js';
import { sendLimitRefusal } from './limit-errors.js';

/**
 * The per-client request rate (429) and the session caps (429 per client, 503 in total), both
 * with Retry-After and a JSON-RPC error body. Register after client authentication: limits
 * count authenticated clients, and an unauthenticated request never reaches them.
 */
export async function registerLimits(app: FastifyInstance, context: HttpContext): Promise<void> {
  const { limits } = context;
  const { requestsPerWindow, rateWindowMs } = limits.options;
  if (requestsPerWindow > 0) {
    limits.requestRate ??= await createRequestRateCheck(app, limits);
    const check = limits.requestRate;
    app.addHook('onRequest', async (request, reply) => {
      if (isProbeRoute(request) || request.method === 'OPTIONS') return;
      const outcome = await check(request);
      if (outcome.isAllowed) return;
      reply.header('x-ratelimit-limit', outcome.max);
      reply.header('x-ratelimit-remaining', outcome.remaining);
      reply.header('x-ratelimit-reset', outcome.ttlInSeconds);
      if (!outcome.isExceeded) return;
      limits.count('request_rate');
      request.log.debug({ client: principalOf(request).id }, 'request rate limit reached');
      const retryAfterSeconds = Math.max(1, outcome.ttlInSeconds);
      return sendLimitRefusal(reply, {
        status: 429,
        reason: 'request_rate',
        message: `Rate limit exceeded: at most ${requestsPerWindow} requests per ${rateWindowMs / 1000} s; retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      });
    });
  }
  const { maxSessions, maxSessionsPerClient } = limits.options;
  if (maxSessions > 0 || maxSessionsPerClient > 0) {
    const prefix = app.prefix.replace(/\/+$/, '');
    // preHandler: the body is parsed (initialize or not), and a WebSocket is not upgraded yet.
    app.addHook('preHandler', async (request, reply) => {
      if (!opensSession(request, prefix)) return;
      const client = principalOf(request).id;
      const refusal = limits.admitNewSession(client, (session, reason) => {
        request.log.info({ client: session.principalId, reason }, 'closed an idle session');
        void endStreamableSession(context, session.id, 'evicted');
      });
      if (!refusal) {
        // Released when the session registers; an opening that fails frees it when its
        // response closes (a WebSocket's handler releases it itself).
        limits.reserveSession(request.raw, client);
        reply.raw.once('close', () => limits.releaseSession(request.raw));
        return;
      }
      limits.count(refusal.reason);
      request.log.info({ client, reason: refusal.reason }, 'refused a new session');
      return sendLimitRefusal(reply, refusal);
    });
  }
}

/**
 * @fastify/rate-limit's check, keyed by client. Made once and shared by both listeners, so the
 * WebSocket port does not double a client's budget.
 */
async function createRequestRateCheck(
  app: FastifyInstance,
  limits: ClientLimits,
): Promise<RequestRateCheck> {
  await app.register(rateLimit, {
    global: false,
    max: limits.options.requestsPerWindow,
    timeWindow: limits.options.rateWindowMs,
    keyGenerator: clientKeyOf,
  });
  return app.createRateLimit();
}

/** The requests that open a session: mirrors the routes' own decisions. */
function opensSession(request: FastifyRequest, prefix: string): boolean {
  if ((request as { ws?: boolean }).ws === true) return true;
  const route = request.routeOptions.url;
  if (route === undefined) return false;
  const path = prefix && route.startsWith(prefix) ? route.slice(prefix.length) : route;
  if (request.method === 'GET') return path === '/sse';
  return (
    request.method === 'POST' &&
    path === '/mcp' &&
    !request.headers['mcp-session-id'] &&
    (request.headers.accept ?? '').includes('text/event-stream') &&
    isInitializeRequest(request.body)
  );
}
