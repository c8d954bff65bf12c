import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { createHttpContext, drainSessions, type HttpContextInternals } from './http-context.js';
import {
  type HttpServerOptions,
  isLoopbackHost,
  type ResolvedHttpServerOptions,
  resolveHttpServerOptions,
} from './http-server-options.js';
import type { HttpMetrics } from './observability/http-metrics.js';
import { registerMcpEndpoints } from './register-mcp-endpoints.js';
import { createSessionStore } from './sessions/create-session-store.js';

export interface HttpServer {
  /** Streamable HTTP, plain JSON-RPC, legacy SSE, WebSocket at /ws, health and metrics. */
  app: FastifyInstance;
  /** WebSocket only, at `/`, on the second port; absent when `websocketPort` is null. */
  websocketApp?: FastifyInstance;
  metrics: HttpMetrics;
  /** Starts listening; resolves with the URLs actually bound. */
  listen(): Promise<{ url: string; websocketUrl?: string }>;
  /**
   * Graceful shutdown: refuses new requests, waits (up to `shutdownGraceMs`) for calls in
   * flight to be answered, then closes every session and stream and both listeners.
   */
  close(): Promise<void>;
}

/**
 * A standalone server around an MCP server factory: the endpoints of {@link mcpHttpPlugin} on
 * one port and WebSocket alone on a second. It does not listen until `listen()`. `internals`
 * is for this package's tests only (the package exports no type for it).
 */
export async function createHttpServer(
  options: HttpServerOptions,
  internals: HttpContextInternals = {},
): Promise<HttpServer> {
  const resolved = resolveHttpServerOptions(options);
  const app = buildApp(resolved);
  const store = await createSessionStore(resolved, app.log);
  const context = createHttpContext(resolved, app.log, store, internals);
  await registerMcpEndpoints(app, context);

  let websocketApp: FastifyInstance | undefined;
  if (resolved.websocketPort !== null) {
    websocketApp = buildApp(resolved);
    await registerMcpEndpoints(websocketApp, context, { websocketOnly: true });
  }
  context.sessions.startSweeping();

  return {
    app,
    websocketApp,
    metrics: context.metrics,
    async listen() {
      const url = await app.listen({ host: resolved.host, port: resolved.port });
      warnAboutExposure(resolved, app.log);
      let websocketUrl: string | undefined;
      if (websocketApp) {
        const bound = await websocketApp.listen({
          host: resolved.host,
          port: resolved.websocketPort ?? 0,
        });
        websocketUrl = bound.replace(/^http/, 'ws');
        context.websocketPort = Number(new URL(bound).port);
      }
      return { url, websocketUrl };
    },
    async close() {
      await drainSessions(context);
      await Promise.all([app.close(), websocketApp?.close()]);
      await store.close();
    },
  };
}

/**
 * Plain HTTP off loopback sends API keys, tokens and secret values across the network in clear
 * text. HashiCorp's Vault MCP server refuses to start like this; we allow it (a proxy may
 * terminate TLS without the server knowing) but say so as loudly as a log can. Likewise a proxy
 * in front of a loopback server without client authentication opens it to whoever reaches the
 * proxy, unless the proxy authenticates them itself.
 */
function warnAboutExposure(options: ResolvedHttpServerOptions, log: FastifyBaseLogger): void {
  if (options.behindProxy && options.auth.mode === 'none') {
    log.warn(
      { host: options.host, clientAuth: 'none', behindProxy: true },
      'WARNING: behind a proxy without client authentication: anyone who reaches the proxy can use this server and its Infisical identity, unless the proxy authenticates them. Use --auth api-key or --auth oauth.',
    );
  }
  if (options.https || options.behindProxy || isLoopbackHost(options.host)) return;
  log.warn(
    { host: options.host, tls: false, behindProxy: false },
    `WARNING: serving plain HTTP on ${options.host}, off loopback and without TLS. API keys, access tokens and secret values cross the network in clear text. Give a certificate (--tls-cert/--tls-key) or put a TLS-terminating proxy in front and say so (--behind-proxy).`,
  );
}

function buildApp(options: ResolvedHttpServerOptions): FastifyInstance {
  const timeouts = nodeServerTimeouts(options);
  return Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ...(options.https ? { https: { ...options.https, ...timeouts } } : { http: timeouts }),
    // Fastify sets these two on the server after creating it: they must agree with the above.
    requestTimeout: timeouts.requestTimeout,
    keepAliveTimeout: timeouts.keepAliveTimeout,
    // Behind a proxy, the client's protocol, host and address come from X-Forwarded-*, as the
    // one proxy in front (the peer) set them: one hop, so a client cannot pass its own off.
    trustProxy: options.behindProxy ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: options.maxBodyBytes,
    // A `__proto__` or `constructor.prototype` key means nothing in JSON-RPC: drop it and answer
    // the rest of the message. Fastify's default refuses the body with the same error as broken
    // JSON, which reached clients as a parse error (-32700) for well-formed JSON.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // n8n and others use the URL exactly as typed: `/mcp/` must work like `/mcp`.
    routerOptions: { ignoreTrailingSlash: true },
    // One debug line per request comes from our own onRequest hook; fastify's two are off.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
}

/**
 * Node's own limits on what a client sends: headers, the whole request, idle keep-alive. Node
 * checks the first two every `connectionsCheckingInterval` (30 s by default, which alone would
 * let a slow client hold its connection for 90 s), so the check runs four times per headers
 * timeout, at most every 5 s. No socket inactivity timeout: it would cut SSE streams and
 * WebSockets that are quiet between their keep-alives.
 */
function nodeServerTimeouts(options: ResolvedHttpServerOptions) {
  return {
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestReadTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(5000, Math.max(100, options.headersTimeoutMs / 4)),
  };
}
