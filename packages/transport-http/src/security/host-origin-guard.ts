import type { FastifyInstance } from 'fastify';
import { isLoopbackHost } from '../http-server-options.js';
import { JsonRpcCode, sendJsonRpcError } from '../json-rpc-errors.js';
import { isProbeRoute } from '../observability/health-routes.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export interface HostOriginPolicy {
  bindHost: string;
  allowedHosts: string[];
  allowedOrigins: string[];
}

/**
 * DNS rebinding protection: a page on an attacker's domain that resolves to this server must
 * not reach it. The Host header must name this server, and a browser's Origin must be an
 * allowed origin or this server itself. Runs before CORS and every route, probes and metrics
 * included: through a rebound name a page could read them too. A probe from this machine
 * (loopback peer) may also name the loopback, so a container's own health check passes
 * whatever names the allow-list holds; a rebound page sends its own domain, never these.
 */
export function registerHostOriginGuard(app: FastifyInstance, policy: HostOriginPolicy): void {
  const hosts = policy.allowedHosts.length
    ? policy.allowedHosts
    : isLoopbackHost(policy.bindHost)
      ? LOOPBACK_NAMES
      : [];
  const origins = new Set(policy.allowedOrigins);

  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    const allowed =
      host !== undefined &&
      (hostAllowed(host, hosts) ||
        (isProbeRoute(request) &&
          isLoopbackPeer(request.socket.remoteAddress) &&
          hostAllowed(host, LOOPBACK_NAMES)));
    if (!allowed) {
      request.log.warn({ host }, 'refused a request for an unknown host');
      // Nothing more from this connection will be served: close it rather than hold it.
      return sendJsonRpcError(
        reply.header('connection', 'close'),
        403,
        JsonRpcCode.ServerError,
        'Forbidden: Host header not allowed',
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(origin, host, origins)) {
      request.log.warn({ origin }, 'refused a request from an origin that is not allowed');
      return sendJsonRpcError(reply, 403, JsonRpcCode.ServerError, 'Forbidden: Origin not allowed');
    }
  });
}

/**
 * An entry with a port must match exactly; an entry without one matches any port. `*` turns
 * the check off, for deployments where a proxy in front already pins the Host header.
 */
export function hostAllowed(hostHeader: string, allowed: string[]): boolean {
  if (allowed.includes('*')) return true;
  const host = hostHeader.toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return allowed.some((entry) => entry === host || entry === name);
}

/** The peer's own address, not X-Forwarded-For: a client cannot claim to be local. */
function isLoopbackPeer(address: string | undefined): boolean {
  return address !== undefined && isLoopbackHost(address.replace(/^::ffff:/, ''));
}

function originAllowed(origin: string, host: string | undefined, allowed: Set<string>): boolean {
  if (allowed.has(origin)) return true;
  try {
    // Same origin: a page served from this very host and port.
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
