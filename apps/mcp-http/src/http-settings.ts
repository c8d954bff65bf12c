import {
  COMMAND_SETTINGS,
  COMMAND_SHORT_FLAGS,
  ConfigError,
  DYNAMIC_TOOLSET_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
  PROCESS_SETTINGS,
  parseSettingFlags,
  readSettings,
  renderHelpOptions,
  SAFETY_SETTINGS,
  Setting,
  settingGroup,
  TOOL_SETTINGS,
} from '@infisical/mcp-core';
import {
  type ClientAuthOptions,
  DEFAULT_CONNECTION_TIMEOUTS,
  DEFAULT_HTTP_SERVER_OPTIONS,
  isLoopbackHost,
  type LimitOptions,
} from '@infisical/mcp-transport-http';
import { CLIENT_AUTH_SETTINGS, readClientAuth } from './client-auth-settings.js';
import { LIMIT_SETTINGS, readLimits, refuseRenamedLimitVariables } from './limit-settings.js';
import { REDIS_SETTINGS, type RedisSettings, readRedisSettings } from './redis-settings.js';
import { readTlsSettings, TLS_SETTINGS, type TlsSettings } from './tls-settings.js';

const defaults = DEFAULT_HTTP_SERVER_OPTIONS;
const seconds = (ms: number) => ms / 1000;

/** Where the server listens, who may reach it, and how long it waits. */
export const HTTP_LISTEN_SETTINGS = settingGroup({
  host: Setting.string({
    flag: 'host',
    env: 'INFISICAL_MCP_HOST',
    default: defaults.host,
    description:
      'interface to bind; off loopback, `--allowed-hosts` and client authentication are required',
  }),
  port: Setting.integer({
    flag: 'port',
    env: 'INFISICAL_MCP_PORT',
    default: defaults.port,
    minimum: 0,
    maximum: 65_535,
    description:
      'HTTP port: `/mcp`, `/sse`, `/messages`, `/ws`, `/health`, `/ready`, `/metrics` (`0`: any free port)',
  }),
  wsPort: Setting.portOrOff({
    flag: 'ws-port',
    env: 'INFISICAL_MCP_WS_PORT',
    default: defaults.websocketPort,
    description: 'second port serving WebSocket at `/` (`off`: none; `0`: any free port)',
  }),
  allowedOrigins: Setting.list({
    flag: 'allowed-origins',
    env: 'INFISICAL_MCP_ALLOWED_ORIGINS',
    unsetMeans: 'none',
    description: 'comma-separated browser origins allowed (CORS and Origin check)',
  }),
  allowedHosts: Setting.list({
    flag: 'allowed-hosts',
    env: 'INFISICAL_MCP_ALLOWED_HOSTS',
    unsetMeans: '`localhost,127.0.0.1,[::1]`',
    description:
      'Host header values accepted (`name` or `name:port`; `*` only behind a proxy that checks Host)',
  }),
  sessionTtl: Setting.integer({
    flag: 'session-ttl',
    env: 'INFISICAL_MCP_SESSION_TTL_SECONDS',
    default: seconds(defaults.sessionIdleTimeoutMs),
    minimum: 1,
    description: 'idle sessions are closed after this many seconds',
  }),
  maxBodyBytes: Setting.integer({
    flag: 'max-body-bytes',
    env: 'INFISICAL_MCP_MAX_BODY_BYTES',
    default: defaults.maxBodyBytes,
    minimum: 1,
    description: 'largest request body or WebSocket message',
  }),
  maxBufferedBytes: Setting.integer({
    flag: 'max-buffered-bytes',
    env: 'INFISICAL_MCP_MAX_BUFFERED_BYTES',
    default: defaults.maxBufferedBytes,
    minimum: 1,
    description:
      'output kept for a client that stops reading (a WebSocket or SSE stream); past it the connection is closed (`mcp_slow_readers_dropped_total`)',
  }),
  wsPingIntervalMs: Setting.integer({
    flag: 'ws-ping-interval-ms',
    env: 'INFISICAL_MCP_WS_PING_INTERVAL_MS',
    default: defaults.websocketPingIntervalMs,
    minimum: 1,
    description:
      'WebSocket ping interval; a peer that has not answered the previous ping (a half-open connection) is dropped',
  }),
  headersTimeout: Setting.integer({
    flag: 'headers-timeout',
    env: 'INFISICAL_MCP_HEADERS_TIMEOUT_SECONDS',
    default: seconds(DEFAULT_CONNECTION_TIMEOUTS.headersTimeoutMs),
    minimum: 1,
    description:
      "a connection that has not sent a request's headers (a WebSocket upgrade's too, on both ports) this many seconds after opening or after its previous request is closed",
  }),
  requestReadTimeout: Setting.integer({
    flag: 'request-read-timeout',
    env: 'INFISICAL_MCP_REQUEST_READ_TIMEOUT_SECONDS',
    default: seconds(DEFAULT_CONNECTION_TIMEOUTS.requestReadTimeoutMs),
    minimum: 1,
    description:
      'a request whose headers and body have not all arrived in this many seconds has its connection closed; at least `--headers-timeout`. Responses are not limited: SSE streams and WebSockets stay open as long as they are used',
  }),
  keepAliveTimeout: Setting.integer({
    flag: 'keep-alive-timeout',
    env: 'INFISICAL_MCP_KEEP_ALIVE_TIMEOUT_SECONDS',
    default: seconds(DEFAULT_CONNECTION_TIMEOUTS.keepAliveTimeoutMs),
    minimum: 1,
    description:
      "a keep-alive connection idle this many seconds between requests is closed (Node keeps it 1 s more for clients' races)",
  }),
  publicMetrics: Setting.boolean({
    flag: 'public-metrics',
    env: 'INFISICAL_MCP_PUBLIC_METRICS',
    description:
      'serve `/metrics` without client authentication (a scraper without a key); the Host check applies either way. `/health` and `/ready` never need a key',
  }),
  publicUrl: Setting.optionalString({
    flag: 'public-url',
    env: 'INFISICAL_MCP_PUBLIC_URL',
    unsetMeans: 'from the request',
    description: 'base URL clients use, for the discovery document (e.g. behind a proxy)',
  }),
});

/** One-shot commands of the HTTP binary. */
export const HTTP_COMMAND_SETTINGS = settingGroup({
  hashApiKey: Setting.command({
    flag: 'hash-api-key',
    description: 'read an API key on stdin, print the sha256 to store for it, and exit',
  }),
  ...COMMAND_SETTINGS.properties,
});

/** Every setting of the HTTP server, in the order `--help` and the README list them. */
export const HTTP_SETTING_GROUPS = [
  PROCESS_SETTINGS,
  HTTP_LISTEN_SETTINGS,
  TLS_SETTINGS,
  CLIENT_AUTH_SETTINGS,
  LIMIT_SETTINGS,
  REDIS_SETTINGS,
  TOOL_SETTINGS,
  DYNAMIC_TOOLSET_SETTINGS,
  SAFETY_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
  HTTP_COMMAND_SETTINGS,
] as const;

/** The groups read here; the connection group is read by readInfisicalEnv. */
const HTTP_SETTINGS = settingGroup({
  ...PROCESS_SETTINGS.properties,
  ...HTTP_LISTEN_SETTINGS.properties,
  ...TLS_SETTINGS.properties,
  ...CLIENT_AUTH_SETTINGS.properties,
  ...LIMIT_SETTINGS.properties,
  ...REDIS_SETTINGS.properties,
  ...TOOL_SETTINGS.properties,
  ...DYNAMIC_TOOLSET_SETTINGS.properties,
  ...SAFETY_SETTINGS.properties,
});

export type HttpSettingsRead = ReturnType<typeof readSettings<typeof HTTP_SETTINGS>>;

export interface HttpSettings {
  read: HttpSettingsRead;
  websocketPort: number | null;
  auth: ClientAuthOptions;
  /** HTTPS certificate and key, and whether a TLS-terminating proxy is in front. */
  tls: TlsSettings;
  /** Per-client rate limits, session caps and the tool-call timeout. */
  limits: LimitOptions;
  /** Sessions, resumable events and the token shared by replicas through Redis; absent: memory. */
  redis?: RedisSettings;
}

export type HttpInvocation =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'hash-api-key' }
  | { command: 'serve'; settings: HttpSettings };

/** What the command line asks for; the one-shot commands need no valid server settings. */
export function readHttpInvocation(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): HttpInvocation {
  const flags = parseSettingFlags(argv, HTTP_SETTING_GROUPS, COMMAND_SHORT_FLAGS);
  if (flags.help) return { command: 'help' };
  if (flags.version) return { command: 'version' };
  if (flags['hash-api-key']) return { command: 'hash-api-key' };
  refuseRenamedLimitVariables(env);
  return {
    command: 'serve',
    settings: checkHttpSettings(readSettings(HTTP_SETTINGS, { flags, env })),
  };
}

/**
 * The checks that involve more than one setting. The transport checks some of them too, but
 * its messages name its own options (allowedHosts, websocketPort); someone at a shell needs
 * the flag or variable they typed.
 */
function checkHttpSettings(read: HttpSettingsRead): HttpSettings {
  const { values, sourceOf } = read;
  if (values.publicUrl && !URL.canParse(values.publicUrl)) {
    throw new ConfigError(`${sourceOf('publicUrl')}: expected a URL, got "${values.publicUrl}".`);
  }
  const host = values.host;
  if (!isLoopbackHost(host) && !values.allowedHosts) {
    throw new ConfigError(
      `${sourceOf('allowedHosts')} is required when ${sourceOf('host')} is ${host}: list the host names clients use to reach the server, e.g. mcp.example.com (DNS rebinding protection).`,
    );
  }
  const auth = readClientAuth(read);
  if (auth.mode === 'none' && !isLoopbackHost(host)) {
    throw new ConfigError(
      `${sourceOf('auth')} none is refused when ${sourceOf('host')} is ${host}: anyone who reaches the port could use the server's Infisical identity. Use --auth api-key or --auth oauth, or bind to 127.0.0.1.`,
    );
  }
  const websocketPort = values.wsPort === 'off' ? null : values.wsPort;
  if (websocketPort !== null && websocketPort !== 0 && websocketPort === values.port) {
    throw new ConfigError(
      `${sourceOf('wsPort')} must differ from ${sourceOf('port')} (both ${values.port}); use "off" for no second port.`,
    );
  }
  for (const origin of values.allowedOrigins ?? []) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `${sourceOf('allowedOrigins')}: "${origin}" is not an origin like https://app.example.com (scheme, host and port; no path).`,
      );
    }
  }
  if (values.headersTimeout > values.requestReadTimeout) {
    throw new ConfigError(
      `${sourceOf('headersTimeout')} (${values.headersTimeout}) must not exceed ${sourceOf('requestReadTimeout')} (${values.requestReadTimeout}): the headers are part of the request.`,
    );
  }
  return {
    read,
    websocketPort,
    auth,
    tls: readTlsSettings(read),
    limits: readLimits(read),
    redis: readRedisSettings(read),
  };
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export function httpUsage(): string {
  return `Usage: infisical-mcp-http [options]

Serves Infisical tools over Streamable HTTP (/mcp), plain JSON-RPC (POST /mcp), legacy
HTTP+SSE (/sse, /messages) and WebSocket (/ws and the second port). Every option is also an
environment variable (shown in brackets); a flag wins over its variable. A missing or invalid
setting stops start-up with one line on stderr and exit code 1.

Options:
${renderHelpOptions(HTTP_SETTING_GROUPS)}
`;
}
