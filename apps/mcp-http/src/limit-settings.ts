import {
  ConfigError,
  type ReadSettings,
  Setting,
  type SettingValues,
  settingGroup,
} from '@infisical/mcp-core';
import { DEFAULT_LIMITS, type LimitOptions } from '@infisical/mcp-transport-http';

/** Per-client limits; a client is an API key, an OAuth subject, or (auth none) an IP address. */
export const LIMIT_SETTINGS = settingGroup({
  rateLimitWindow: Setting.number({
    flag: 'rate-limit-window',
    env: 'INFISICAL_MCP_RATE_LIMIT_WINDOW_SECONDS',
    default: DEFAULT_LIMITS.rateWindowMs / 1000,
    minimum: 0,
    description:
      'window of the per-client rate limits below, in seconds (a client: an API key, an OAuth subject, or with `--auth none` an IP address)',
  }),
  rateLimitRequests: Setting.integer({
    flag: 'rate-limit-requests',
    env: 'INFISICAL_MCP_RATE_LIMIT_REQUESTS',
    default: DEFAULT_LIMITS.requestsPerWindow,
    minimum: 0,
    description:
      'HTTP requests and WebSocket upgrades per client per window, probes excepted (a batch or a WebSocket is one request: `--rate-limit-calls` counts what it carries); over it: `429` with `Retry-After` and a JSON-RPC error (`-32000`, `data.retryAfterSeconds`); `0`: no limit',
  }),
  rateLimitCalls: Setting.integer({
    flag: 'rate-limit-calls',
    env: 'INFISICAL_MCP_RATE_LIMIT_CALLS',
    default: DEFAULT_LIMITS.callsPerWindow,
    minimum: 0,
    description:
      'JSON-RPC requests that can reach Infisical per client per window, over every transport, each message of a batch or a WebSocket counted: `tools/call`, `resources/read`, `resources/list`, `completion/complete` and any other method but `initialize`, `ping`, `logging/setLevel`, `tools/list`, `prompts/list`, `prompts/get` and `resources/templates/list`; over it the request is answered with JSON-RPC error `-32000` and `data.retryAfterSeconds`; `0`: no limit',
  }),
  rateLimitAuthFailures: Setting.integer({
    flag: 'rate-limit-auth-failures',
    env: 'INFISICAL_MCP_RATE_LIMIT_AUTH_FAILURES',
    default: DEFAULT_LIMITS.authFailuresPerWindow,
    minimum: 0,
    description:
      'failed authentications (`401`) per source address per window; past it every request from that address gets `429` with `Retry-After` before any authentication, until its window ends (with `--behind-proxy`, the address the proxy reports); `0`: no limit',
  }),
  maxSessionsPerClient: Setting.integer({
    flag: 'max-sessions-per-client',
    env: 'INFISICAL_MCP_MAX_SESSIONS_PER_CLIENT',
    default: DEFAULT_LIMITS.maxSessionsPerClient,
    minimum: 0,
    description:
      'open sessions (Streamable HTTP, SSE, WebSocket) per client (with Redis, those opened or served on this replica); at the cap the least recently used idle Streamable HTTP session of the client is closed to make room (`mcp_sessions_evicted_total`); only when all its sessions have a call in flight or a stream open is a new one refused: `429` with a `Retry-After` it can trust (a WebSocket upgrade too); `0`: no cap',
  }),
  maxSessions: Setting.integer({
    flag: 'max-sessions',
    env: 'INFISICAL_MCP_MAX_SESSIONS',
    default: DEFAULT_LIMITS.maxSessions,
    minimum: 0,
    description:
      'open sessions in total; at it the least recently used idle Streamable HTTP session is closed to make room; when all are in use a new one gets `503` with `Retry-After`; `0`: no cap',
  }),
  toolTimeout: Setting.number({
    flag: 'tool-timeout',
    env: 'INFISICAL_MCP_TOOL_TIMEOUT_SECONDS',
    default: DEFAULT_LIMITS.toolCallTimeoutMs / 1000,
    minimum: 0,
    description:
      'a tool call not answered in this many seconds is cancelled (its Infisical requests aborted) and answered with JSON-RPC error `-32001`; `0`: none',
  }),
});

/**
 * Variables that were renamed when what they set changed: a deployment that still sets one
 * would otherwise lose its setting without a word.
 */
const RENAMED_VARIABLES: Record<string, string> = {
  INFISICAL_MCP_RATE_LIMIT_TOOL_CALLS:
    'INFISICAL_MCP_RATE_LIMIT_CALLS (it now counts every request that can reach Infisical, not only tools/call)',
};

export function refuseRenamedLimitVariables(env: NodeJS.ProcessEnv): void {
  for (const [old, replacement] of Object.entries(RENAMED_VARIABLES)) {
    if (env[old] !== undefined) {
      throw new ConfigError(`${old} was renamed: set ${replacement}.`);
    }
  }
}

export function readLimits({
  values,
  sourceOf,
}: ReadSettings<SettingValues<typeof LIMIT_SETTINGS>>): LimitOptions {
  const limits: LimitOptions = {
    rateWindowMs: values.rateLimitWindow * 1000,
    requestsPerWindow: values.rateLimitRequests,
    callsPerWindow: values.rateLimitCalls,
    authFailuresPerWindow: values.rateLimitAuthFailures,
    maxSessionsPerClient: values.maxSessionsPerClient,
    maxSessions: values.maxSessions,
    toolCallTimeoutMs: values.toolTimeout * 1000,
  };
  const rateLimited =
    limits.requestsPerWindow || limits.callsPerWindow || limits.authFailuresPerWindow;
  if (limits.rateWindowMs === 0 && rateLimited) {
    throw new ConfigError(
      `${sourceOf('rateLimitWindow')} must be more than 0 while a rate limit is on.`,
    );
  }
  return limits;
}
