import { setTimeout as sleep } from 'node:timers/promises';
import { maskUrlCredentials } from '../url-credentials.js';
import { AttemptSignal } from './attempt-signal.js';
import { InfisicalApiError, type InfisicalFailureKind } from './infisical-api-error.js';
import { type HttpAnswer, type HttpSend, nodeHttpSend } from './node-http-send.js';
import { renderInfisicalMessage } from './render-infisical-message.js';
import {
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
  retryDelayMs,
} from './retry-policy.js';
import { fillRoutePath, isExactPath, RouteParameterError, type RouteParams } from './route-path.js';

export type QueryValue = string | number | boolean | undefined;

export interface InfisicalRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /**
   * Route template, e.g. `/api/v4/secrets/:secretName`. Each `:name` is filled from `params`
   * with exactly one encoded path segment; messages and logs name the template, never a value.
   */
  path: string;
  params?: RouteParams;
  query?: Record<string, QueryValue | readonly string[]>;
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the client's default timeout for this request. */
  timeoutMs?: number;
  /** Stable name of the call for metrics, e.g. `secrets.get` (paths carry secret names). */
  operation?: string;
  /**
   * Whether sending it twice has the effect of sending it once, so a transient failure (429,
   * 5xx, lost connection) may be retried. Default: true for GET only. A write is never retried
   * unless its caller says so: a lost answer does not tell whether Infisical applied it.
   */
  idempotent?: boolean;
}

/** One finished Infisical request, for metrics. Carries no path, argument or token. */
export interface InfisicalCallEvent {
  operation: string;
  method: string;
  /** `ok`, or why it failed. */
  outcome: 'ok' | InfisicalFailureKind;
  status: number;
  durationMs: number;
}

export interface InfisicalHttpOptions {
  /** Base URL of the Infisical instance, e.g. `https://app.infisical.com`. */
  baseUrl: string;
  /** Per-request timeout. Default 15 000 ms. */
  timeoutMs?: number;
  /**
   * Sends the requests instead of `node:http(s)` (a custom agent, a proxy, a test CA); the
   * global `fetch` or any function of its shape fits.
   */
  fetch?: HttpSend;
  userAgent?: string;
  /** Told about every finished request (metrics); each attempt of a retried one counts. */
  onCall?: (event: InfisicalCallEvent) => void;
  /** Retries of idempotent requests after transient failures; see {@link RetryOptions}. */
  retry?: RetryOptions;
  /** Injected for tests, to pin the backoff jitter. */
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Sends one request to Infisical and maps every failure to {@link InfisicalApiError}.
 * It knows nothing about tokens: callers pass one (or none, for logins). Idempotent requests
 * are retried after transient failures with capped, jittered backoff (honouring Retry-After),
 * all within the request's timeout: the timeout bounds the whole call, retries included.
 */
export class InfisicalHttp {
  readonly baseUrl: string;
  private readonly basePath: string;
  readonly timeoutMs: number;
  private readonly sendHttp: HttpSend;
  private readonly userAgent: string;
  private readonly onCall?: (event: InfisicalCallEvent) => void;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;

  constructor(options: InfisicalHttpOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(
        `Infisical host URL is not a valid URL: ${maskUrlCredentials(options.baseUrl)}`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(
        `Infisical host URL must use http or https: ${maskUrlCredentials(options.baseUrl)}`,
      );
    }
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.basePath = url.pathname;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.sendHttp = options.fetch ?? nodeHttpSend;
    this.userAgent = options.userAgent ?? 'infisical-mcp';
    this.onCall = options.onCall;
    this.retry = resolveRetryPolicy(options.retry);
    this.random = options.random ?? Math.random;
  }

  async send<T>(request: InfisicalRequest, token?: string): Promise<T> {
    const url = this.routeUrl(request);
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const deadline = performance.now() + timeoutMs;
    const idempotent = request.idempotent ?? request.method === 'GET';
    for (let attempt = 1; ; attempt++) {
      const remainingMs = Math.max(1, Math.round(deadline - performance.now()));
      try {
        return await this.sendObserved<T>(request, url, token, remainingMs);
      } catch (error) {
        if (!(error instanceof InfisicalApiError) || !idempotent) throw error;
        const delay = retryDelayMs(error, attempt, this.retry, this.random);
        // A retry that could not finish before the deadline would only turn the error into a timeout.
        const fits = delay !== undefined && performance.now() + delay + MIN_ATTEMPT_MS < deadline;
        if (!fits) throw attempt > 1 ? withAttempts(error, attempt) : error;
        await this.backOff(delay, request);
      }
    }
  }

  private async backOff(delayMs: number, request: InfisicalRequest): Promise<void> {
    try {
      await sleep(delayMs, undefined, { signal: request.signal });
    } catch (cause) {
      throw new InfisicalApiError(
        `Infisical ${request.method} ${request.path} was cancelled`,
        { kind: 'aborted', status: 0, method: request.method, path: request.path },
        { cause },
      );
    }
  }

  private async sendObserved<T>(
    request: InfisicalRequest,
    url: string,
    token: string | undefined,
    attemptTimeoutMs: number,
  ): Promise<T> {
    if (!this.onCall) return this.sendUnobserved<T>(request, url, token, attemptTimeoutMs);
    const started = performance.now();
    const report = (outcome: InfisicalCallEvent['outcome'], status: number) =>
      this.onCall?.({
        operation: request.operation ?? 'other',
        method: request.method,
        outcome,
        status,
        durationMs: performance.now() - started,
      });
    try {
      const result = await this.sendUnobserved<T>(request, url, token, attemptTimeoutMs);
      report('ok', 200);
      return result;
    } catch (error) {
      if (error instanceof InfisicalApiError) report(error.kind, error.status);
      throw error;
    }
  }

  private async sendUnobserved<T>(
    request: InfisicalRequest,
    url: string,
    token: string | undefined,
    attemptTimeoutMs: number,
  ): Promise<T> {
    // Messages name the timeout the caller configured, not what was left of it for this attempt.
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const attempt = new AttemptSignal(request.signal, attemptTimeoutMs);
    try {
      return await this.sendAttempt<T>(request, url, token, timeoutMs, attempt);
    } finally {
      attempt.end();
    }
  }

  private async sendAttempt<T>(
    request: InfisicalRequest,
    url: string,
    token: string | undefined,
    timeoutMs: number,
    attempt: AttemptSignal,
  ): Promise<T> {
    const { method, path } = request;

    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }

    let response: HttpAnswer;
    try {
      response = await this.sendHttp(url, {
        method,
        headers,
        body,
        signal: attempt.signal,
      });
    } catch (cause) {
      throw this.transportFailure(request, timeoutMs, attempt, cause);
    }

    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw this.transportFailure(request, timeoutMs, attempt, cause);
    }
    const payload = parseJson(text);

    if (!response.ok) {
      const errorBody = (payload ?? {}) as { message?: unknown; error?: unknown; reqId?: unknown };
      const location = response.headers.get('location');
      const infisicalMessage =
        response.status >= 300 && response.status < 400 && location
          ? // Not followed: a redirect would carry the token to wherever it points.
            `it redirects to ${location}; set the Infisical host URL to that address`
          : renderInfisicalMessage(errorBody.message) || response.statusText || 'no message';
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new InfisicalApiError(
        `Infisical ${method} ${path} failed with ${response.status}: ${infisicalMessage}`,
        {
          kind: 'http',
          status: response.status,
          error: typeof errorBody.error === 'string' ? errorBody.error : undefined,
          reqId: typeof errorBody.reqId === 'string' ? errorBody.reqId : undefined,
          method,
          path,
          retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        },
      );
    }
    if (payload === undefined && text.length > 0) {
      throw new InfisicalApiError(
        `Infisical ${method} ${path} answered ${response.status} with a body that is not JSON`,
        { kind: 'http', status: response.status, method, path },
      );
    }
    return payload as T;
  }

  /**
   * The request's URL, or an `InfisicalApiError` of kind `refused` when a parameter would not
   * fill exactly one segment of its route: such a request is never sent, whatever its caller.
   */
  private routeUrl(request: InfisicalRequest): string {
    const { method, path: route } = request;
    const refuse = (problem: string, cause?: unknown) =>
      new InfisicalApiError(
        problem,
        { kind: 'refused', status: 0, method, path: route },
        { cause },
      );
    let filled: string;
    try {
      filled = fillRoutePath(route, request.params);
    } catch (error) {
      if (error instanceof RouteParameterError) throw refuse(error.message, error);
      throw error;
    }
    const url = this.buildUrl(filled, request.query);
    if (!isExactPath(url, this.basePath, filled)) {
      throw refuse(`Refused to call Infisical ${route}: its URL would not match the route`);
    }
    return url.href;
  }

  private buildUrl(path: string, query: InfisicalRequest['query']): URL {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        if (value.length > 0) url.searchParams.set(key, value.join(','));
      } else {
        url.searchParams.set(key, String(value));
      }
    }
    return url;
  }

  private transportFailure(
    request: InfisicalRequest,
    timeoutMs: number,
    attempt: AttemptSignal,
    cause: unknown,
  ): InfisicalApiError {
    const { method, path } = request;
    if (request.signal?.aborted) {
      return new InfisicalApiError(
        `Infisical ${method} ${path} was cancelled`,
        { kind: 'aborted', status: 0, method, path },
        { cause },
      );
    }
    if (attempt.timedOut) {
      return new InfisicalApiError(
        `Infisical ${method} ${path} timed out after ${timeoutMs} ms`,
        { kind: 'timeout', status: 0, method, path },
        { cause },
      );
    }
    const reason = describeNetworkError(cause);
    return new InfisicalApiError(
      `Infisical ${method} ${path} could not be reached: ${reason}`,
      { kind: 'network', status: 0, method, path },
      { cause },
    );
  }
}

/** The least time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 100;

function withAttempts(error: InfisicalApiError, attempts: number): InfisicalApiError {
  return new InfisicalApiError(
    `${error.message} (after ${attempts} attempts)`,
    {
      kind: error.kind,
      status: error.status,
      error: error.error,
      reqId: error.reqId,
      method: error.method,
      path: error.path,
      retryAfterSeconds: error.retryAfterSeconds,
    },
    { cause: error },
  );
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  // node:http fails with the system error itself; fetch wraps it as the cause.
  const own = (error as { code?: unknown })?.code;
  if (typeof own === 'string' && own.startsWith('E')) return own;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
