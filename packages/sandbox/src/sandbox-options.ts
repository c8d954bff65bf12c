import { type Clock, systemClock } from './clock.js';

export interface SandboxOptions {
  /** Added before every API request (not `/__sandbox` ones). Default 0. */
  latencyMs?: number;
  /** Seconds a fresh or renewed access token lives. Default 3600. */
  accessTokenTTL?: number;
  /** Seconds after login past which a token cannot be renewed. Default 2592000 (30 days). */
  accessTokenMaxTTL?: number;
  /** Seed the demo identity and "Demo Project". Default true. */
  seedDemo?: boolean;
  /** Source of the current time in epoch ms, for testing expiry without waiting. */
  now?: Clock;
  /**
   * Also serve the deprecated routes only the official Infisical MCP server calls (through
   * `@infisical/sdk`), so the bench can run it against the sandbox. Default false.
   */
  bench?: boolean;
}

export interface ResolvedSandboxOptions {
  latencyMs: number;
  accessTokenTTL: number;
  accessTokenMaxTTL: number;
  seedDemo: boolean;
  now: Clock;
  bench: boolean;
}

export const DEFAULT_ACCESS_TOKEN_TTL = 3600;
export const DEFAULT_ACCESS_TOKEN_MAX_TTL = 2_592_000;

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const resolved = {
    latencyMs: options.latencyMs ?? 0,
    accessTokenTTL: options.accessTokenTTL ?? DEFAULT_ACCESS_TOKEN_TTL,
    accessTokenMaxTTL: options.accessTokenMaxTTL ?? DEFAULT_ACCESS_TOKEN_MAX_TTL,
    seedDemo: options.seedDemo ?? true,
    now: options.now ?? systemClock,
    bench: options.bench ?? false,
  };
  if (!Number.isFinite(resolved.latencyMs) || resolved.latencyMs < 0) {
    throw new RangeError(`latencyMs must be a number >= 0, got ${options.latencyMs}`);
  }
  for (const key of ['accessTokenTTL', 'accessTokenMaxTTL'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] <= 0) {
      throw new RangeError(`${key} must be a number of seconds > 0, got ${options[key]}`);
    }
  }
  return resolved;
}
