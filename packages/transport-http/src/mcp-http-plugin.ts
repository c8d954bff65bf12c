import type { FastifyInstance } from 'fastify';
import { createHttpContext, drainSessions } from './http-context.js';
import { type HttpServerOptions, resolveHttpServerOptions } from './http-server-options.js';
import { registerMcpEndpoints } from './register-mcp-endpoints.js';
import { createSessionStore } from './sessions/create-session-store.js';

/**
 * Options of {@link mcpHttpPlugin}: the HTTP server's, less what belongs to listening (TLS,
 * `trustProxy` and the connection timeouts are the application's own fastify and node options).
 */
export type McpHttpPluginOptions = Omit<
  HttpServerOptions,
  | 'port'
  | 'websocketPort'
  | 'https'
  | 'behindProxy'
  | 'headersTimeoutMs'
  | 'requestReadTimeoutMs'
  | 'keepAliveTimeoutMs'
> & {
  /** Interface the application binds; decides the default Host allow-list. Default 127.0.0.1. */
  host?: string;
};

/**
 * A fastify plugin serving MCP (Streamable HTTP, plain JSON-RPC, legacy SSE, WebSocket at /ws,
 * health and metrics) inside an existing application, encapsulated. Closing the application
 * drains calls in flight and closes every session first.
 *
 *     await app.register(mcpHttpPlugin, { createMcpServer, describe, prefix: '/' });
 */
export async function mcpHttpPlugin(
  app: FastifyInstance,
  options: McpHttpPluginOptions,
): Promise<void> {
  const resolved = resolveHttpServerOptions({ ...options, websocketPort: null });
  const store = await createSessionStore(resolved, app.log);
  const context = createHttpContext(resolved, app.log, store);
  await registerMcpEndpoints(app, context);
  context.sessions.startSweeping();
  app.addHook('preClose', async () => drainSessions(context));
  app.addHook('onClose', async () => store.close());
}
