/**
 * Per-client limits. A client is the authenticated principal (its stable id); an anonymous
 * client (auth `none`) is counted by IP address for the rates. Every number may be 0 to turn
 * that limit off.
 */
export interface LimitOptions {
  /** The rate-limit window, shared by the request and call rates. Default 60 s. */
  rateWindowMs?: number;
  /**
   * HTTP requests (and WebSocket upgrades) per client per window, probes excepted. A batch or a
   * WebSocket is one request however many messages it carries: {@link callsPerWindow} counts those.
   * Default 1200.
   */
  requestsPerWindow?: number;
  /**
   * JSON-RPC requests per client per window that may do work behind the MCP server (call
   * Infisical), over every transport, each message of a batch or WebSocket counted: every
   * request but those answered from what the server already holds (initialize, ping,
   * logging/setLevel, tools/list, prompts/list, prompts/get, resources/templates/list).
   * Default 600.
   */
  callsPerWindow?: number;
  /**
   * Failed authentications (401) per source address per window; past it, every request from
   * that address gets 429 with Retry-After, without being authenticated, until the window
   * ends. Behind a proxy the address is the one the proxy reports. Default 300.
   */
  authFailuresPerWindow?: number;
  /** Open sessions (Streamable HTTP, legacy SSE, WebSocket) per client. Default 100. */
  maxSessionsPerClient?: number;
  /** Open sessions in total. Default 1000. */
  maxSessions?: number;
  /**
   * A `tools/call` not answered in this time gets a JSON-RPC error and its handler's
   * AbortSignal is aborted. Default 60 s.
   */
  toolCallTimeoutMs?: number;
}

export type ResolvedLimitOptions = Required<LimitOptions>;

export const DEFAULT_LIMITS: ResolvedLimitOptions = {
  rateWindowMs: 60_000,
  requestsPerWindow: 1200,
  callsPerWindow: 600,
  authFailuresPerWindow: 300,
  maxSessionsPerClient: 100,
  maxSessions: 1000,
  toolCallTimeoutMs: 60_000,
};

/** Fills defaults; throws (with `fail`) naming the option when a value is not usable. */
export function resolveLimitOptions(
  options: LimitOptions | undefined,
  fail: (message: string) => Error,
): ResolvedLimitOptions {
  const resolved = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof LimitOptions)[]) {
    const value = options?.[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) {
      throw fail(`limits.${name} must be a number >= 0 (got ${value}); 0 turns the limit off.`);
    }
    resolved[name] = value;
  }
  const rateLimited =
    resolved.requestsPerWindow || resolved.callsPerWindow || resolved.authFailuresPerWindow;
  if (resolved.rateWindowMs === 0 && rateLimited) {
    throw fail('limits.rateWindowMs must be positive while a rate limit is on.');
  }
  return resolved;
}
