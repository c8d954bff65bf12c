import type { InfisicalApiError } from './infisical-api-error.js';

/** How an idempotent Infisical request is tried again after a transient failure. */
export interface RetryOptions {
  /** Attempts in all, the first included; 1 turns retries off. Default 3. */
  maxAttempts?: number;
  /** Backoff before the first retry; it doubles for each further one. Default 200 ms. */
  baseDelayMs?: number;
  /**
   * Longest single wait. A `Retry-After` above it is not waited for: the call fails at once
   * and its message says when to retry. Default 5 000 ms.
   */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
};

export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new TypeError(
      `retry maxAttempts must be a whole number from 1 (got ${policy.maxAttempts})`,
    );
  }
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(policy[name]) || policy[name] < 0) {
      throw new TypeError(`retry ${name} must be a number from 0 (got ${policy[name]})`);
    }
  }
  return policy;
}

/** Statuses that say "not now" rather than "no": the same request may succeed later. */
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * How long to wait before attempt `attempt + 1`, or `undefined` to give up. Only failures that
 * may pass are retried: a rate limit, a server error, a lost connection. A timeout is not: it has
 * already used the time the caller allowed. `random` is injectable so tests can pin the jitter.
 */
export function retryDelayMs(
  error: InfisicalApiError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const transient =
    error.kind === 'network' || (error.kind === 'http' && TRANSIENT_STATUSES.has(error.status));
  if (!transient) return undefined;
  if (error.retryAfterSeconds !== undefined) {
    const asked = error.retryAfterSeconds * 1000;
    if (asked > policy.maxDelayMs) return undefined;
    // Never earlier than asked; a little later, spread out, so clients do not return in step.
    return Math.min(policy.maxDelayMs, asked + random() * Math.min(asked * 0.2, 500));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the backoff, so retries never come back immediately.
  return ceiling / 2 + random() * (ceiling / 2);
}
