import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaultInjector } from './fault-injector.js';
import { injectedFailureError } from './injected-failure-error.js';
import type { RequestStats } from './request-stats.js';

export const ADMIN_PREFIX = '/__sandbox';

/** `"POST /api/v1/auth/universal-auth/login"`: method plus the route pattern, not the raw URL. */
export function routeKeyOf(request: FastifyRequest): string | undefined {
  const pattern = request.routeOptions.url;
  return pattern === undefined ? undefined : `${request.method} ${pattern}`;
}

function isAdminRequest(request: FastifyRequest): boolean {
  return request.url === ADMIN_PREFIX || request.url.startsWith(`${ADMIN_PREFIX}/`);
}

/**
 * Counts API requests and applies injected faults before anything else runs, so a fault
 * preempts authentication and validation just as a proxy or overloaded server would. Like a
 * real server, a request whose client has gone away still runs; it is counted as aborted.
 */
export function registerRequestHooks(
  app: FastifyInstance,
  stats: RequestStats,
  faults: FaultInjector,
): void {
  const dropAfterHandling = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (request, reply) => {
    if (isAdminRequest(request)) return;
    const routeKey = routeKeyOf(request);
    if (routeKey) {
      stats.record(routeKey);
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished && !dropAfterHandling.has(request)) {
          stats.recordAborted(routeKey);
        }
      });
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    // A client that gave up during the latency takes no fault: the one that is still waiting
    // for it (a test's next request) gets it.
    if (!routeKey || request.raw.socket.destroyed) return;
    const drop = faults.takeDrop(routeKey);
    if (drop === 'before') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (drop === 'after') dropAfterHandling.add(request);
    const failure = faults.takeFailure(routeKey);
    if (failure) throw injectedFailureError(failure);
  });
  // The request has run; its answer is lost on the way back.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!dropAfterHandling.has(request)) return payload;
    const routeKey = routeKeyOf(request);
    if (routeKey) stats.recordAborted(routeKey);
    reply.hijack();
    request.raw.socket.destroy();
    return payload;
  });
}
