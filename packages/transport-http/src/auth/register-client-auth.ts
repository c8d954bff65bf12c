import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { JsonRpcCode, sendJsonRpcError } from '../json-rpc-errors.js';
import { sendLimitRefusal } from '../limits/limit-errors.js';
import { isPublicRoute, PROBE_ROUTE } from '../observability/health-routes.js';
import { OAUTH_SCOPES } from './client-auth-options.js';
import { ClientAuthenticator, PROTECTED_RESOURCE_PATH } from './client-authenticator.js';
import { ANONYMOUS, type ClientPrincipal } from './client-principal.js';

/**
 * An OAuth client (mcp-remote, the SDK's) probes these before anything else. Unless the server
 * runs with OAuth and serves them, they must answer 404, so the client knows there is no OAuth
 * here and reports the 401 of /mcp; a 401 sends it on to dynamic client registration, whose
 * failure is all the user then sees. Only paths no route serves skip authentication.
 */
function isUnservedWellKnown(request: FastifyRequest): boolean {
  return request.routeOptions.url === undefined && request.url.includes('/.well-known/');
}

const principals = new WeakMap<FastifyRequest, ClientPrincipal>();

/** The authenticated caller of a request (anonymous when auth is `none`). */
export function principalOf(request: FastifyRequest): ClientPrincipal {
  return principals.get(request) ?? ANONYMOUS;
}

/** Base URL clients use, for challenges and metadata. */
export function publicBaseUrl(request: FastifyRequest, context: HttpContext): string {
  return context.options.publicUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * Authenticates every request but the public routes (probes, the OAuth metadata, /metrics
 * when the operator makes it public); a refused request gets 401 (or 403 for missing scopes)
 * with a `WWW-Authenticate` challenge, and its connection is closed. A source address that
 * fails too often gets 429 until its window ends, without being authenticated. Refusals are
 * logged one per window plus a summary. In OAuth mode, serves the RFC 9728 protected resource
 * metadata.
 */
export function registerClientAuth(app: FastifyInstance, context: HttpContext): void {
  const auth = context.options.auth;
  const authenticator = new ClientAuthenticator(auth);

  if (auth.mode === 'oauth') {
    const metadata = (request: FastifyRequest) => ({
      resource: auth.audience,
      authorization_servers: auth.authorizationServers ?? [auth.issuer],
      scopes_supported: [OAUTH_SCOPES.read, OAUTH_SCOPES.write],
      bearer_methods_supported: ['header'],
      resource_name: context.options.describe().name,
      resource_documentation: `${publicBaseUrl(request, context)}/mcp`,
    });
    app.get(PROTECTED_RESOURCE_PATH, PROBE_ROUTE, async (request) => metadata(request));
    app.get(`${PROTECTED_RESOURCE_PATH}/mcp`, PROBE_ROUTE, async (request) => metadata(request));
  }

  const { limits } = context;
  const refusalLog = context.refusalLog;
  app.addHook('onRequest', async (request, reply) => {
    if (isPublicRoute(request) || request.method === 'OPTIONS') return;
    if (isUnservedWellKnown(request)) return;
    const throttled = limits.refuseFailingSource(request.ip);
    if (throttled) {
      limits.count(throttled.reason);
      return sendLimitRefusal(reply, throttled);
    }
    const outcome = await authenticator.authenticate(request, publicBaseUrl(request, context));
    if (!outcome.ok) {
      if (outcome.status === 401 && limits.countAuthFailure(request.ip)) {
        request.log.warn(
          { ip: request.ip, failures: limits.options.authFailuresPerWindow },
          'a source address failed authentication too often: refusing it until its window ends',
        );
      }
      refusalLog.write(() =>
        request.log.info({ status: outcome.status, reason: outcome.message }, 'refused a client'),
      );
      return sendJsonRpcError(
        reply.header('www-authenticate', outcome.wwwAuthenticate).header('connection', 'close'),
        outcome.status,
        JsonRpcCode.ServerError,
        outcome.message,
      );
    }
    principals.set(request, outcome.principal);
    // The MCP SDK transports pass this on to handlers as `extra.authInfo`.
    if (outcome.authInfo) (request.raw as { auth?: unknown }).auth = outcome.authInfo;
  });
}
