import { parseArgs } from 'node:util';
import {
  ConfigError,
  LOG_LEVELS,
  parseToolsets,
  readSafetySettings,
  SAFETY_OPTIONS,
  type SafetySettings,
} from '@infisical/mcp-core';
import {
  type ClientAuthOptions,
  isLoopbackHost,
  type LimitOptions,
} from '@infisical/mcp-transport-http';
import { CLIENT_AUTH_OPTIONS, readClientAuth } from './client-auth-settings.js';
import { LIMIT_OPTIONS, readLimits, refuseRenamedLimitVariables } from './limit-settings.js';
import { REDIS_OPTIONS, type RedisSettings, readRedisSettings } from './redis-settings.js';
import { readTlsSettings, TLS_OPTIONS, type TlsSettings } from './tls-settings.js';

export interface HttpSettings {
  host: string;
  port: number;
  websocketPort: number | null;
  allowedOrigins: string[];
  allowedHosts: string[];
  sessionTtlSeconds: number;
  maxBodyBytes: number;
  maxBufferedBytes: number;
  websocketPingIntervalMs: number;
  headersTimeoutSeconds: number;
  requestReadTimeoutSeconds: number;
  keepAliveTimeoutSeconds: number;
  publicMetrics: boolean;
  publicUrl?: string;
  logLevel: string;
  sandbox: boolean;
  readOnly: boolean;
  toolsets?: string[];
  auth: ClientAuthOptions;
  /** HTTPS certificate and key, and whether a TLS-terminating proxy is in front. */
  tls: TlsSettings;
  clientIdentities: boolean;
  /** Per-client rate limits, session caps and the tool-call timeout. */
  limits: LimitOptions;
  /** Tool lists, value policy, protected environments, confirmations, audit trail. */
  safety: SafetySettings;
  /** Sessions, resumable events and the token shared by replicas through Redis; absent: memory. */
  redis?: RedisSettings;
}

interface OptionSpec {
  flag: string;
  env?: string;
  fallback: string;
  description: string;
  boolean?: boolean;
}

/** Every option, as a flag and an environment variable; flags win. `--help` prints this table. */
export const HTTP_OPTIONS: OptionSpec[] = [
  {
    flag: 'host',
    env: 'INFISICAL_MCP_HOST',
    fallback: '127.0.0.1',
    description: 'interface to bind; off loopback, --allowed-hosts is required',
  },
  {
    flag: 'port',
    env: 'INFISICAL_MCP_PORT',
    fallback: '3333',
    description:
      'HTTP port: /mcp, /sse, /messages, /ws, /health, /ready, /metrics (0: any free port)',
  },
  {
    flag: 'ws-port',
    env: 'INFISICAL_MCP_WS_PORT',
    fallback: '3334',
    description: 'second port serving WebSocket at / ("off": none; 0: any free port)',
  },
  {
    flag: 'allowed-origins',
    env: 'INFISICAL_MCP_ALLOWED_ORIGINS',
    fallback: '',
    description: 'comma-separated browser origins allowed (CORS); none by default',
  },
  {
    flag: 'allowed-hosts',
    env: 'INFISICAL_MCP_ALLOWED_HOSTS',
    fallback: '',
    description:
      'comma-separated Host header values accepted (default: localhost, 127.0.0.1, [::1])',
  },
  {
    flag: 'session-ttl',
    env: 'INFISICAL_MCP_SESSION_TTL_SECONDS',
    fallback: '1800',
    description: 'close sessions idle this many seconds',
  },
  {
    flag: 'max-body-bytes',
    env: 'INFISICAL_MCP_MAX_BODY_BYTES',
    fallback: '1048576',
    description: 'largest request body or WebSocket message',
  },
  {
    flag: 'max-buffered-bytes',
    env: 'INFISICAL_MCP_MAX_BUFFERED_BYTES',
    fallback: '4194304',
    description:
      'output kept for a client that stops reading (WebSocket, SSE); past it the connection is closed',
  },
  {
    flag: 'ws-ping-interval-ms',
    env: 'INFISICAL_MCP_WS_PING_INTERVAL_MS',
    fallback: '30000',
    description: 'WebSocket ping interval; a peer that has not answered the last ping is dropped',
  },
  {
    flag: 'headers-timeout',
    env: 'INFISICAL_MCP_HEADERS_TIMEOUT_SECONDS',
    fallback: '20',
    description:
      "a connection that has not sent a request's headers (a WebSocket upgrade's too) this many seconds after opening or after its previous request is closed",
  },
  {
    flag: 'request-read-timeout',
    env: 'INFISICAL_MCP_REQUEST_READ_TIMEOUT_SECONDS',
    fallback: '30',
    description:
      'a request whose headers and body have not all arrived in this many seconds has its connection closed (at least --headers-timeout; responses such as SSE streams and WebSockets are not limited)',
  },
  {
    flag: 'keep-alive-timeout',
    env: 'INFISICAL_MCP_KEEP_ALIVE_TIMEOUT_SECONDS',
    fallback: '30',
    description: 'a keep-alive connection idle this many seconds between requests is closed',
  },
  {
    flag: 'public-metrics',
    env: 'INFISICAL_MCP_PUBLIC_METRICS',
    fallback: 'false',
    description:
      'serve /metrics without client authentication (a scraper without a key); the Host check applies either way',
    boolean: true,
  },
  {
    flag: 'public-url',
    env: 'INFISICAL_MCP_PUBLIC_URL',
    fallback: '',
    description: 'base URL clients use, for the discovery document (e.g. behind a proxy)',
  },
  {
    flag: 'log-level',
    env: 'INFISICAL_MCP_LOG_LEVEL',
    fallback: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent',
  },
  {
    flag: 'sandbox',
    env: 'INFISICAL_MCP_SANDBOX',
    fallback: 'false',
    description: 'use an in-memory Infisical sandbox; nothing is stored',
    boolean: true,
  },
  {
    flag: 'read-only',
    env: 'INFISICAL_READ_ONLY',
    fallback: 'false',
    description: 'serve only read-only tools, to every client',
    boolean: true,
  },
  {
    flag: 'toolsets',
    env: 'INFISICAL_TOOLSETS',
    fallback: '',
    description:
      'comma-separated toolsets to serve: core (the default: 22 everyday tools), all, or secrets, projects, environments, folders, tags, imports, snapshots, access, dynamic-secrets, kms, sharing',
  },
  ...SAFETY_OPTIONS,
  ...TLS_OPTIONS,
  ...CLIENT_AUTH_OPTIONS,
  {
    flag: 'client-identities',
    env: 'INFISICAL_MCP_CLIENT_IDENTITIES',
    fallback: 'on',
    description:
      'on: a client may act as its own Infisical identity for its session (X-Infisical-Token, or X-Infisical-Client-Id + X-Infisical-Client-Secret); off: always the server identity',
  },
  ...LIMIT_OPTIONS,
  ...REDIS_OPTIONS,
  {
    flag: 'hash-api-key',
    fallback: 'false',
    description: 'read an API key on stdin, print the sha256 to store for it, and exit',
    boolean: true,
  },
  { flag: 'help', fallback: 'false', description: 'print this help', boolean: true },
  { flag: 'version', fallback: 'false', description: 'print the version', boolean: true },
];

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What the invocation asks for; the one-shot commands need no valid server settings. */
export type HttpCommand = 'serve' | 'help' | 'version' | 'hash-api-key';

export function readHttpCommand(argv: string[]): HttpCommand {
  const values = parseFlags(argv);
  if (values.help) return 'help';
  if (values.version) return 'version';
  if (values['hash-api-key']) return 'hash-api-key';
  return 'serve';
}

function parseFlags(argv: string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({
      args: argv,
      options: Object.fromEntries(
        HTTP_OPTIONS.map(
          (spec) => [spec.flag, { type: spec.boolean ? 'boolean' : 'string' }] as const,
        ),
      ),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function readHttpSettings(argv: string[], env: NodeJS.ProcessEnv): HttpSettings {
  const values = parseFlags(argv);
  refuseRenamedLimitVariables(env);
  const raw = (flag: string): { value: string; source: string } => {
    const spec = HTTP_OPTIONS.find((option) => option.flag === flag) as OptionSpec;
    const fromFlag = values[flag];
    if (fromFlag !== undefined) return { value: String(fromFlag), source: `--${flag}` };
    const fromEnv = spec.env ? env[spec.env]?.trim() : undefined;
    if (fromEnv) return { value: fromEnv, source: spec.env as string };
    return { value: spec.fallback, source: `--${flag}` };
  };
  const port = (flag: string) => {
    const { value, source } = raw(flag);
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 65_535) {
      throw new ConfigError(`${source} must be a port number from 0 to 65535 (got "${value}").`);
    }
    return number;
  };
  const positive = (flag: string) => {
    const { value, source } = raw(flag);
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) {
      throw new ConfigError(`${source} must be a positive whole number (got "${value}").`);
    }
    return number;
  };
  const list = (flag: string) =>
    raw(flag)
      .value.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const bool = (flag: string) => {
    const { value, source } = raw(flag);
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      throw new ConfigError(`${source} must be "true" or "false" (got "${value}").`);
    }
    return lower === 'true';
  };
  const onOff = (flag: string) => {
    const { value, source } = raw(flag);
    if (value !== 'on' && value !== 'off') {
      throw new ConfigError(`${source} must be "on" or "off" (got "${value}").`);
    }
    return value === 'on';
  };
  const publicUrl = raw('public-url').value;
  if (publicUrl) {
    try {
      new URL(publicUrl);
    } catch {
      throw new ConfigError(`${raw('public-url').source} is not a valid URL ("${publicUrl}").`);
    }
  }
  // The transport checks the next settings too, but its messages name its own options
  // (allowedHosts, websocketPort); someone at a shell needs the flag or variable they typed.
  const host = raw('host');
  const allowedHosts = list('allowed-hosts');
  if (!isLoopbackHost(host.value) && allowedHosts.length === 0) {
    throw new ConfigError(
      `${raw('allowed-hosts').source} is required when ${host.source} is ${host.value}: list the host names clients use to reach the server, e.g. mcp.example.com (DNS rebinding protection).`,
    );
  }
  const auth = readClientAuth(raw);
  if (auth.mode === 'none' && !isLoopbackHost(host.value)) {
    throw new ConfigError(
      `${raw('auth').source} none is refused when ${host.source} is ${host.value}: anyone who reaches the port could use the server's Infisical identity. Use --auth api-key or --auth oauth, or bind to 127.0.0.1.`,
    );
  }
  const httpPort = port('port');
  const websocketPort = raw('ws-port').value.toLowerCase() === 'off' ? null : port('ws-port');
  if (websocketPort !== null && websocketPort !== 0 && websocketPort === httpPort) {
    throw new ConfigError(
      `${raw('ws-port').source} must differ from ${raw('port').source} (both ${httpPort}); use "off" for no second port.`,
    );
  }
  const allowedOrigins = list('allowed-origins');
  for (const origin of allowedOrigins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `${raw('allowed-origins').source}: "${origin}" is not an origin like https://app.example.com (scheme, host and port; no path).`,
      );
    }
  }
  const logLevel = raw('log-level');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel.value.toLowerCase())) {
    throw new ConfigError(
      `${logLevel.source} must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel.value}").`,
    );
  }
  return {
    host: host.value,
    port: httpPort,
    websocketPort,
    allowedOrigins,
    allowedHosts,
    sessionTtlSeconds: positive('session-ttl'),
    maxBodyBytes: positive('max-body-bytes'),
    maxBufferedBytes: positive('max-buffered-bytes'),
    websocketPingIntervalMs: positive('ws-ping-interval-ms'),
    ...connectionTimeouts(raw, positive),
    publicMetrics: bool('public-metrics'),
    publicUrl: publicUrl || undefined,
    logLevel: logLevel.value.toLowerCase(),
    sandbox: bool('sandbox'),
    readOnly: bool('read-only'),
    toolsets: raw('toolsets').value
      ? parseToolsets(raw('toolsets').value, raw('toolsets').source)
      : undefined,
    auth,
    tls: readTlsSettings(raw, bool('behind-proxy')),
    clientIdentities: onOff('client-identities'),
    limits: readLimits(raw),
    safety: readSafetySettings(raw, env),
    redis: readRedisSettings(raw, bool('redis-plaintext-events')),
  };
}

/** Checked here too, so the message names the flags or variables someone typed. */
function connectionTimeouts(
  raw: (flag: string) => { value: string; source: string },
  positive: (flag: string) => number,
) {
  const headersTimeoutSeconds = positive('headers-timeout');
  const requestReadTimeoutSeconds = positive('request-read-timeout');
  if (headersTimeoutSeconds > requestReadTimeoutSeconds) {
    throw new ConfigError(
      `${raw('headers-timeout').source} (${headersTimeoutSeconds}) must not exceed ${raw('request-read-timeout').source} (${requestReadTimeoutSeconds}): the headers are part of the request.`,
    );
  }
  return {
    headersTimeoutSeconds,
    requestReadTimeoutSeconds,
    keepAliveTimeoutSeconds: positive('keep-alive-timeout'),
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
  const rows = HTTP_OPTIONS.map((spec) => {
    const flag = `--${spec.flag}${spec.boolean ? '' : ' <value>'}`;
    const env = spec.env ?? '';
    const fallback = spec.boolean || !spec.fallback ? '' : ` (default ${spec.fallback})`;
    return `  ${flag.padEnd(33)} ${env.padEnd(39)} ${spec.description}${fallback}`;
  });
  return `Usage: infisical-mcp-http [options]

Serves Infisical tools over Streamable HTTP (/mcp), plain JSON-RPC (POST /mcp), legacy
HTTP+SSE (/sse, /messages) and WebSocket (/ws and the second port).

Options (flag, environment variable, meaning):
${rows.join('\n')}

Infisical settings, as for the stdio server:
  INFISICAL_HOST_URL, INFISICAL_AUTH_METHOD, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID,
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, INFISICAL_TOKEN, INFISICAL_TOKEN_STRATEGY,
  INFISICAL_REQUEST_TIMEOUT_MS, INFISICAL_MASK_SECRET_VALUES (true: --secret-values mask),
  INFISICAL_FINGERPRINT_KEY (key of mask fingerprints; default: random per process)
`;
}
