import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import { apiKeysProblem } from './auth/api-key-verifier.js';
import type { ClientAuthOptions } from './auth/client-auth-options.js';
import {
  type LimitOptions,
  type ResolvedLimitOptions,
  resolveLimitOptions,
} from './limits/limit-options.js';
import type {
  McpServerFactory,
  McpSessionContext,
  ReadinessReport,
  ServerDescription,
} from './mcp-server-factory.js';
import { type RedisSettings, redisUrlProblem } from './redis/redis-url.js';

export interface HttpServerOptions {
  createMcpServer: McpServerFactory;
  describe: () => ServerDescription;
  /** Backs GET /ready: can the server do its job right now? Default: always ready. */
  checkReadiness?: () => Promise<ReadinessReport>;
  /**
   * How clients authenticate. Default `none`, which is allowed only on a loopback address:
   * anything reachable from the network must authenticate its clients.
   */
  auth?: ClientAuthOptions;
  /** Interface to bind. Default 127.0.0.1: reachable from this machine only. */
  host?: string;
  /** HTTP port (Streamable HTTP, SSE, /ws, health, metrics). Default 3333; 0 picks a free one. */
  port?: number;
  /** Second port serving only WebSocket at `/`, as the seed promises. Default 3334; null: none. */
  websocketPort?: number | null;
  /** Browser origins allowed by CORS and the Origin check. Default: none. */
  allowedOrigins?: string[];
  /**
   * Host header values accepted (DNS rebinding protection), e.g. `mcp.example.com` or
   * `mcp.example.com:8443`. Default: the loopback names when bound to loopback; required
   * otherwise. `*` accepts any Host (only behind a proxy that checks it).
   */
  allowedHosts?: string[];
  /** A session idle this long is closed. Default 30 minutes. */
  sessionIdleTimeoutMs?: number;
  /**
   * How long the MCP server built for a Streamable HTTP session is kept after its last request,
   * for the next one. A session is its record: a request that finds no server builds one from
   * it. Default 2 seconds: an agent's back-to-back calls share one server, and one that thinks
   * longer between calls pays a rebuild (about 0.2 ms of CPU) instead of holding memory.
   */
  sessionServerReleaseMs?: number;
  /** Largest accepted request body or WebSocket message, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * A connection must send a request's headers (a WebSocket upgrade's too) within this time of
   * opening or of its previous request; past it, it is closed. Default 20 s.
   */
  headersTimeoutMs?: number;
  /**
   * A request, headers and body, must arrive within this time; past it, the connection is
   * closed. It bounds what the client sends, never a response: SSE streams and WebSockets may
   * last as long as they are used. Default 30 s; at least {@link headersTimeoutMs}.
   */
  requestReadTimeoutMs?: number;
  /** A keep-alive connection idle this long between requests is closed. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** How long shutdown waits for in-flight calls before closing streams. Default 10 s. */
  shutdownGraceMs?: number;
  /** WebSocket ping interval; a peer that misses a pong is dropped. Default 30 s. */
  websocketPingIntervalMs?: number;
  /**
   * How a JSON-RPC message becomes the text of a WebSocket frame or a plain JSON-RPC answer.
   * Default `JSON.stringify`; `serializeJsonRpcMessage` from `@infisical/mcp-core` writes a
   * tool's structured output once instead of twice.
   */
  serializeMessage?: (message: JSONRPCMessage) => string;
  /**
   * Output the server keeps for one connection that is not reading it (a WebSocket or an SSE
   * stream); past it the connection is closed. Default 4 MiB.
   */
  maxBufferedBytes?: number;
  /** Events kept per stream for `Last-Event-ID` resumption. Default 1000. */
  eventsPerStream?: number;
  /** URL clients use to reach the server, for the discovery document. Default: from the request. */
  publicUrl?: string;
  /**
   * Serve HTTPS (and WSS on the second port) with this PEM certificate chain and private key.
   * Default: plain HTTP, which off loopback is fine only behind a TLS-terminating proxy.
   */
  https?: { cert: string | Buffer; key: string | Buffer };
  /**
   * A TLS-terminating reverse proxy is in front: trust its `X-Forwarded-*` headers for the
   * protocol, host and client address (fastify `trustProxy` for the one proxy next to
   * the server), and do not warn about plain HTTP off loopback. Set it only when the port is
   * reachable through that proxy alone.
   */
  behindProxy?: boolean;
  /**
   * Serve GET /metrics without client authentication, for a scraper that cannot send a key.
   * Default false: the metrics tell who uses the server and how. The Host check applies either way.
   */
  publicMetrics?: boolean;
  /** Per-client rate limits, session caps and the tool-call timeout; see {@link LimitOptions}. */
  limits?: LimitOptions;
  logger?: FastifyBaseLogger;
  /** Prometheus registry to add the metrics to; one is created if absent. */
  metricsRegistry?: Registry;
  /**
   * Keep Streamable HTTP sessions and their resumable events in Redis, so any replica behind a
   * load balancer serves any session. Default: in this process's memory. The Redis client is
   * loaded only when this is set.
   */
  redis?: RedisSettings;
  /**
   * A one-way fingerprint of the Infisical identity a request brings (e.g. a hash of its
   * `X-Infisical-Token`), stored with the session; a replica restoring the session refuses a
   * request whose fingerprint differs. Never return a credential itself.
   */
  identityReference?: (headers: McpSessionContext['headers']) => string | undefined;
}

/** Options that stay optional once resolved: absent means "not used". */
type StillOptional =
  | 'logger'
  | 'metricsRegistry'
  | 'publicUrl'
  | 'checkReadiness'
  | 'https'
  | 'redis'
  | 'identityReference';

export type ResolvedHttpServerOptions = Required<Omit<HttpServerOptions, StillOptional>> &
  Pick<HttpServerOptions, StillOptional> & {
    limits: ResolvedLimitOptions;
  };

export class HttpServerConfigError extends Error {
  override readonly name = 'HttpServerConfigError';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

/** What the server uses when an option is left out; the binaries' settings default to these. */
export const DEFAULT_HTTP_SERVER_OPTIONS = {
  host: '127.0.0.1',
  port: 3333,
  websocketPort: 3334,
  sessionIdleTimeoutMs: 30 * 60_000,
  sessionServerReleaseMs: 2_000,
  maxBodyBytes: 1024 * 1024,
  websocketPingIntervalMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
} as const;

/** Fills defaults and rejects impossible settings with a message naming the option. */
export function resolveHttpServerOptions(options: HttpServerOptions): ResolvedHttpServerOptions {
  const defaults = DEFAULT_HTTP_SERVER_OPTIONS;
  const host = options.host ?? defaults.host;
  const port = options.port ?? defaults.port;
  const websocketPort =
    options.websocketPort === undefined ? defaults.websocketPort : options.websocketPort;
  checkPort('port', port);
  if (websocketPort !== null) {
    checkPort('websocketPort', websocketPort);
    if (websocketPort !== 0 && websocketPort === port) {
      throw new HttpServerConfigError(`websocketPort must differ from port (both ${port}).`);
    }
  }
  const allowedOrigins = (options.allowedOrigins ?? []).map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new HttpServerConfigError(
        `allowedOrigins: "${origin}" is not an origin like https://app.example.com.`,
      );
    }
    if (url.origin !== origin.replace(/\/$/, '')) {
      throw new HttpServerConfigError(
        `allowedOrigins: "${origin}" must be an origin only (scheme, host, port), without a path.`,
      );
    }
    return url.origin;
  });
  if (!isLoopbackHost(host) && (options.allowedHosts ?? []).length === 0) {
    throw new HttpServerConfigError(
      `allowedHosts is required when binding to ${host}: list the host names clients use to reach the server (DNS rebinding protection).`,
    );
  }
  const allowedHosts = (options.allowedHosts ?? []).map((value) => value.trim().toLowerCase());
  const auth = options.auth ?? { mode: 'none' };
  if (auth.mode === 'none' && !isLoopbackHost(host)) {
    throw new HttpServerConfigError(
      `refusing to serve ${host} without client authentication: choose api-key or oauth auth, or bind to 127.0.0.1.`,
    );
  }
  if (auth.mode === 'api-key') {
    if (auth.keys.length === 0)
      throw new HttpServerConfigError('api-key auth needs at least one key.');
    for (const key of auth.keys) {
      if (!/^[0-9a-f]{64}$/.test(key.sha256)) {
        throw new HttpServerConfigError(
          `API key "${key.id}": sha256 must be 64 lower-case hex characters (the SHA-256 of the key).`,
        );
      }
    }
    const problem = apiKeysProblem(auth.keys);
    if (problem) throw new HttpServerConfigError(`API keys: ${problem}`);
  }
  if (auth.mode === 'oauth') {
    for (const [name, value] of [
      ['issuer', auth.issuer],
      ['jwksUrl', auth.jwksUrl],
    ] as const) {
      try {
        new URL(value);
      } catch {
        throw new HttpServerConfigError(`oauth ${name} must be a URL (got "${value}").`);
      }
    }
    if (!auth.audience) throw new HttpServerConfigError('oauth audience is required.');
  }
  return {
    createMcpServer: options.createMcpServer,
    describe: options.describe,
    auth,
    checkReadiness: options.checkReadiness,
    host,
    port,
    websocketPort,
    allowedOrigins,
    allowedHosts,
    sessionIdleTimeoutMs: positive(
      'sessionIdleTimeoutMs',
      options.sessionIdleTimeoutMs ?? defaults.sessionIdleTimeoutMs,
    ),
    sessionServerReleaseMs: positive(
      'sessionServerReleaseMs',
      options.sessionServerReleaseMs ?? defaults.sessionServerReleaseMs,
    ),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? defaults.maxBodyBytes),
    ...connectionTimeouts(options),
    shutdownGraceMs: positive('shutdownGraceMs', options.shutdownGraceMs ?? 10_000),
    websocketPingIntervalMs: positive(
      'websocketPingIntervalMs',
      options.websocketPingIntervalMs ?? defaults.websocketPingIntervalMs,
    ),
    serializeMessage: options.serializeMessage ?? JSON.stringify,
    maxBufferedBytes: positive(
      'maxBufferedBytes',
      options.maxBufferedBytes ?? defaults.maxBufferedBytes,
    ),
    eventsPerStream: positive('eventsPerStream', options.eventsPerStream ?? 1000),
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    https: checkHttps(options.https),
    behindProxy: options.behindProxy ?? false,
    publicMetrics: options.publicMetrics ?? false,
    limits: resolveLimitOptions(options.limits, (message) => new HttpServerConfigError(message)),
    logger: options.logger,
    metricsRegistry: options.metricsRegistry,
    redis: checkRedis(options.redis),
    identityReference: options.identityReference,
  };
}

/**
 * Together these close, with the defaults, any connection that sends its headers or body slowly,
 * or idles between requests, within 60 s, so slow clients cannot hold every file descriptor.
 */
export const DEFAULT_CONNECTION_TIMEOUTS = {
  headersTimeoutMs: 20_000,
  requestReadTimeoutMs: 30_000,
  keepAliveTimeoutMs: 30_000,
} as const;

function connectionTimeouts(options: HttpServerOptions) {
  const timeouts = {
    headersTimeoutMs: positive(
      'headersTimeoutMs',
      options.headersTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUTS.headersTimeoutMs,
    ),
    requestReadTimeoutMs: positive(
      'requestReadTimeoutMs',
      options.requestReadTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUTS.requestReadTimeoutMs,
    ),
    keepAliveTimeoutMs: positive(
      'keepAliveTimeoutMs',
      options.keepAliveTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUTS.keepAliveTimeoutMs,
    ),
  };
  // Node refuses a server whose headers may take longer than the whole request.
  if (timeouts.headersTimeoutMs > timeouts.requestReadTimeoutMs) {
    throw new HttpServerConfigError(
      `headersTimeoutMs (${timeouts.headersTimeoutMs}) must not exceed requestReadTimeoutMs (${timeouts.requestReadTimeoutMs}).`,
    );
  }
  return timeouts;
}

function checkRedis(redis: RedisSettings | undefined): RedisSettings | undefined {
  if (redis === undefined) return undefined;
  const problem = redisUrlProblem(redis.url);
  if (problem) throw new HttpServerConfigError(`redis.url: ${problem}`);
  if (
    redis.eventsPerSession !== undefined &&
    (!Number.isInteger(redis.eventsPerSession) || redis.eventsPerSession < 1)
  ) {
    throw new HttpServerConfigError(
      `redis.eventsPerSession must be a whole number >= 1 (got ${redis.eventsPerSession}).`,
    );
  }
  if (redis.eventsKey === undefined && redis.plaintextEvents !== true) {
    throw new HttpServerConfigError(
      'redis.eventsKey is required: events kept for resumption hold tool results, secret values among them (or set redis.plaintextEvents to keep them in clear).',
    );
  }
  if (redis.eventsKey !== undefined && redis.plaintextEvents === true) {
    throw new HttpServerConfigError('redis: set eventsKey or plaintextEvents, not both.');
  }
  if (redis.eventsKey !== undefined && redis.eventsKey.length !== 32) {
    throw new HttpServerConfigError(
      `redis.eventsKey must be 32 bytes (AES-256; got ${redis.eventsKey.length}).`,
    );
  }
  if (redis.keyPrefix !== undefined && !/^[\w.:-]{1,64}$/.test(redis.keyPrefix)) {
    throw new HttpServerConfigError(
      `redis.keyPrefix must be 1 to 64 letters, digits, "_", ".", ":" or "-" (got "${redis.keyPrefix}").`,
    );
  }
  return redis;
}

function checkHttps(https: HttpServerOptions['https']): HttpServerOptions['https'] {
  if (https === undefined) return undefined;
  if (!https.cert || !https.key) {
    throw new HttpServerConfigError('https needs both cert and key (PEM).');
  }
  return https;
}

function checkPort(name: string, port: number) {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new HttpServerConfigError(
      `${name} must be a whole number from 0 to 65535 (got ${port}).`,
    );
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new HttpServerConfigError(`${name} must be a positive number (got ${value}).`);
  }
  return value;
}
