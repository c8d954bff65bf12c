export { apiKeysProblem, hashApiKey } from './auth/api-key-verifier.js';
export {
  type ApiKeyEntry,
  type ClientAuthOptions,
  OAUTH_SCOPES,
} from './auth/client-auth-options.js';
export type { ClientPrincipal } from './auth/client-principal.js';
export { createHttpServer, type HttpServer } from './create-http-server.js';
export {
  DEFAULT_CONNECTION_TIMEOUTS,
  DEFAULT_HTTP_SERVER_OPTIONS,
  HttpServerConfigError,
  type HttpServerOptions,
  isLoopbackHost,
} from './http-server-options.js';
export { DEFAULT_LIMITS, type LimitOptions } from './limits/limit-options.js';
export { type McpHttpPluginOptions, mcpHttpPlugin } from './mcp-http-plugin.js';
export type {
  McpServerFactory,
  McpSessionContext,
  ReadinessReport,
  ServerDescription,
  SessionState,
  TransportKind,
} from './mcp-server-factory.js';
export { HttpMetrics } from './observability/http-metrics.js';
export { createRedisTokenCache } from './redis/create-redis-token-cache.js';
export type {
  RedisTokenCache,
  RedisTokenCacheOptions,
  SharedAccessToken,
} from './redis/redis-token-cache.js';
export {
  DEFAULT_REDIS_EVENTS_PER_SESSION,
  DEFAULT_REDIS_KEY_PREFIX,
  type RedisSettings,
  redisUrlProblem,
} from './redis/redis-url.js';
export { SessionRefusedError } from './session-refused-error.js';
export type { SessionRecord, SessionStore } from './sessions/session-store.js';
export { SessionStoreUnavailableError } from './sessions/session-store.js';
export { WEBSOCKET_SUBPROTOCOL } from './websocket/websocket-routes.js';
export { WebSocketServerTransport } from './websocket/websocket-server-transport.js';
