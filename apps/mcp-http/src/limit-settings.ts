import { ConfigError } from '@infisical/mcp-core';
import type { LimitOptions } from '@infisical/mcp-transport-http';
import type { OptionReader } from './client-auth-settings.js';

/** Per-client limits; a client is an API key, an OAuth subject, or (auth none) an IP address. */
export const LIMIT_OPTIONS = [
  {
    flag: 'rate-limit-window',
    env: 'INFISICAL_MCP_RATE_LIMIT_WINDOW_SECONDS',
    fallback: '60',
    description: 'window of the per-client request and call rate limits, in seconds',
  },
  {
    flag: 'rate-limit-requests',
    env: 'INFISICAL_MCP_RATE_LIMIT_REQUESTS',
    fallback: '1200',
    description:
      'HTTP requests and WebSocket upgrades per client per window, probes excepted (a batch or a WebSocket is one request: --rate-limit-calls counts its messages); over it: 429 with Retry-After (0: no limit)',
  },
  {
    flag: 'rate-limit-calls',
    env: 'INFISICAL_MCP_RATE_LIMIT_CALLS',
    fallback: '600',
    description:
      'JSON-RPC requests that can reach Infisical (tools/call, resources/read, resources/list, completion/complete; all but initialize, ping, logging/setLevel, tools/list, prompts/list, prompts/get, resources/templates/list) per client per window, every transport, each message of a batch or WebSocket counted; over it: JSON-RPC error -32000 with data.retryAfterSeconds (0: no limit)',
  },
  {
    flag: 'rate-limit-auth-failures',
    env: 'INFISICAL_MCP_RATE_LIMIT_AUTH_FAILURES',
    fallback: '300',
    description:
      'failed authentications (401) per source address per window; past it every request from that address gets 429 with Retry-After, unauthenticated, until the window ends (behind --behind-proxy: the address the proxy reports) (0: no limit)',
  },
  {
    flag: 'max-sessions-per-client',
    env: 'INFISICAL_MCP_MAX_SESSIONS_PER_CLIENT',
    fallback: '100',
    description:
      'open sessions (Streamable HTTP, SSE, WebSocket) per client; over it: 429 with Retry-After (0: no cap)',
  },
  {
    flag: 'max-sessions',
    env: 'INFISICAL_MCP_MAX_SESSIONS',
    fallback: '1000',
    description: 'open sessions in total; over it: 503 with Retry-After (0: no cap)',
  },
  {
    flag: 'tool-timeout',
    env: 'INFISICAL_MCP_TOOL_TIMEOUT_SECONDS',
    fallback: '60',
    description:
      'a tool call not answered in this many seconds is cancelled and answered with JSON-RPC error -32001 (0: no timeout)',
  },
];

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

export function readLimits(read: OptionReader): LimitOptions {
  const count = (flag: string) => {
    const { value, source } = read(flag);
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
      throw new ConfigError(`${source} must be a whole number >= 0 (got "${value}"); 0: no limit.`);
    }
    return number;
  };
  const seconds = (flag: string) => {
    const { value, source } = read(flag);
    const number = Number(value);
    if (value === '' || !Number.isFinite(number) || number < 0) {
      throw new ConfigError(`${source} must be a number of seconds >= 0 (got "${value}").`);
    }
    return number;
  };
  const limits: LimitOptions = {
    rateWindowMs: seconds('rate-limit-window') * 1000,
    requestsPerWindow: count('rate-limit-requests'),
    callsPerWindow: count('rate-limit-calls'),
    authFailuresPerWindow: count('rate-limit-auth-failures'),
    maxSessionsPerClient: count('max-sessions-per-client'),
    maxSessions: count('max-sessions'),
    toolCallTimeoutMs: seconds('tool-timeout') * 1000,
  };
  const rateLimited =
    limits.requestsPerWindow || limits.callsPerWindow || limits.authFailuresPerWindow;
  if (limits.rateWindowMs === 0 && rateLimited) {
    throw new ConfigError(
      `${read('rate-limit-window').source} must be more than 0 while a rate limit is on.`,
    );
  }
  return limits;
}
