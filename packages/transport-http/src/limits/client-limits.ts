import type { FastifyInstance } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { SessionRegistry } from '../sessions/session-registry.js';
import type { SessionUse, StreamableSessions } from '../sessions/streamable-sessions.js';
import { FixedWindowCounter, type WindowHit } from './fixed-window-counter.js';
import type { LimitReason, LimitRefusal } from './limit-errors.js';
import type { ResolvedLimitOptions } from './limit-options.js';

export type RequestRateCheck = ReturnType<FastifyInstance['createRateLimit']>;

/** The longest an opening holds a slot without its session registering. */
const MAX_OPENING_MS = 30_000;

/** A refused session should come back when one is likely free, but not later than this. */
const MAX_SESSION_RETRY_SECONDS = 60;

/** Closes a Streamable HTTP session to make room for a new one. */
export type EvictSession = (
  session: SessionUse,
  reason: 'sessions_per_client' | 'sessions_total',
) => void;

/**
 * The limits' shared state, one per server across both listeners: the request-rate check
 * (@fastify/rate-limit's, created on the first listener), the call counter, the session
 * caps and the refusal counter.
 */
export class ClientLimits {
  readonly refusals: Counter<'reason'>;
  /** Set when the first listener registers the limits; the second one reuses it. */
  requestRate?: RequestRateCheck;
  private readonly calls?: FixedWindowCounter;
  /** Failed authentications by source address. */
  private readonly authFailures?: FixedWindowCounter;
  /**
   * Sessions let through the caps whose opening has not registered them yet, by client: a burst
   * of openings all pass the check before the first registers, so each holds a slot meanwhile.
   */
  private readonly opening = new Map<string, number>();
  private openingTotal = 0;
  private readonly reservations = new WeakMap<object, () => void>();

  readonly evictions: Counter<'reason'>;

  constructor(
    readonly options: ResolvedLimitOptions,
    private readonly sessions: SessionRegistry,
    private readonly streamable: StreamableSessions,
    registry: Registry,
  ) {
    this.evictions = new Counter({
      name: 'mcp_sessions_evicted_total',
      help: 'Idle Streamable HTTP sessions closed to make room for a new one at a session cap, by cap (sessions_per_client, sessions_total)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.refusals = new Counter({
      name: 'mcp_limit_refusals_total',
      help: 'Requests refused or cut short by a limit, by reason (request_rate, call_rate, auth_failures, sessions_per_client, sessions_total, tool_call_timeout)',
      labelNames: ['reason'],
      registers: [registry],
    });
    if (options.callsPerWindow > 0) {
      this.calls = new FixedWindowCounter(options.callsPerWindow, options.rateWindowMs);
    }
    if (options.authFailuresPerWindow > 0) {
      this.authFailures = new FixedWindowCounter(
        options.authFailuresPerWindow,
        options.rateWindowMs,
      );
    }
  }

  count(reason: LimitReason): void {
    this.refusals.inc({ reason });
  }

  /** Counts one call of the client; undefined when calls are not limited. */
  takeCall(clientKey: string): WindowHit | undefined {
    return this.calls?.hit(clientKey);
  }

  /**
   * The refusal for a source address that has failed authentication too often this window,
   * checked before authenticating: guessing stops, and so does the work and the logging.
   */
  refuseFailingSource(address: string): LimitRefusal | undefined {
    const standing = this.authFailures?.peek(address);
    if (!standing || standing.allowed) return undefined;
    const { authFailuresPerWindow, rateWindowMs } = this.options;
    return {
      status: 429,
      reason: 'auth_failures',
      message: `Too many failed authentications from this address: at most ${authFailuresPerWindow} per ${rateWindowMs / 1000} s; retry in ${standing.retryAfterSeconds} s`,
      retryAfterSeconds: standing.retryAfterSeconds,
    };
  }

  /** Counts a failed authentication; true when it is the one that reaches the limit. */
  countAuthFailure(address: string): boolean {
    const hit = this.authFailures?.hit(address);
    return hit !== undefined && !this.authFailures?.peek(address).allowed && hit.allowed;
  }

  /**
   * Whether a client may open one more session; the refusal to send if not. At a cap, the least
   * recently used idle Streamable HTTP session (the client's own at its cap) is closed to make
   * room: a client that never says goodbye is never locked out. Only a client whose sessions
   * are all in use is refused, told when one of them is bound to be free.
   */
  admitNewSession(principalId: string, evict: EvictSession): LimitRefusal | undefined {
    const { maxSessionsPerClient, maxSessions } = this.options;
    if (maxSessionsPerClient > 0) {
      const connections = [...this.sessions.all()].filter(
        (s) => s.kind !== 'streamable-http' && s.principalId === principalId,
      ).length;
      const streamable = this.streamable.of(principalId);
      const held = connections + streamable.length + (this.opening.get(principalId) ?? 0);
      if (held >= maxSessionsPerClient) {
        const idle = this.leastRecentlyUsedIdle(streamable);
        if (!idle) {
          return {
            status: 429,
            reason: 'sessions_per_client',
            message: `Too many sessions: this client has ${held} open (at most ${maxSessionsPerClient}), all in use; close one or retry later`,
            retryAfterSeconds: this.retryAfter(streamable),
          };
        }
        this.evictions.inc({ reason: 'sessions_per_client' });
        evict(idle, 'sessions_per_client');
      }
    }
    if (maxSessions > 0) {
      const connections = [...this.sessions.all()].filter((s) => s.kind !== 'streamable-http');
      const streamable = [...this.streamable.all()];
      if (connections.length + streamable.length + this.openingTotal >= maxSessions) {
        const idle = this.leastRecentlyUsedIdle(streamable);
        if (!idle) {
          return {
            status: 503,
            reason: 'sessions_total',
            message: `The server holds its maximum of ${maxSessions} sessions, all in use; retry later`,
            retryAfterSeconds: this.retryAfter(streamable),
          };
        }
        this.evictions.inc({ reason: 'sessions_total' });
        evict(idle, 'sessions_total');
      }
    }
    return undefined;
  }

  /** The session unused longest among those with nothing in flight and no stream open. */
  private leastRecentlyUsedIdle(candidates: SessionUse[]): SessionUse | undefined {
    let oldest: SessionUse | undefined;
    for (const session of candidates) {
      if (session.openStreams > 0 || (this.sessions.get(session.id)?.inFlight ?? 0) > 0) continue;
      if (!oldest || session.lastActivity < oldest.lastActivity) oldest = session;
    }
    return oldest;
  }

  /**
   * Holds a slot for the session `opening` (a request) is opening, until {@link releaseSession}:
   * once the session is registered, or the opening failed.
   */
  reserveSession(opening: object, principalId: string): void {
    this.opening.set(principalId, (this.opening.get(principalId) ?? 0) + 1);
    this.openingTotal++;
    // Whatever path an opening takes, its slot cannot outlive this: a missed release must not
    // shrink the caps for good.
    const expiry = setTimeout(() => this.releaseSession(opening), MAX_OPENING_MS);
    expiry.unref();
    this.reservations.set(opening, () => {
      clearTimeout(expiry);
      const left = (this.opening.get(principalId) ?? 1) - 1;
      if (left > 0) this.opening.set(principalId, left);
      else this.opening.delete(principalId);
      this.openingTotal--;
    });
  }

  /** Frees the slot `opening` held, if it holds one; a second call does nothing. */
  releaseSession(opening: object): void {
    const release = this.reservations.get(opening);
    this.reservations.delete(opening);
    release?.();
  }

  /**
   * When a session is bound to be free: a call in flight is answered (or timed out) within the
   * tool-call timeout. Sessions held by open streams or connections free up when their client
   * closes them, which nobody can promise: then the longest wait.
   */
  private retryAfter(streamable: SessionUse[]): number {
    const { toolCallTimeoutMs } = this.options;
    const onlyCalls =
      streamable.length > 0 && streamable.every((session) => session.openStreams === 0);
    if (!onlyCalls || toolCallTimeoutMs === 0) return MAX_SESSION_RETRY_SECONDS;
    return Math.min(MAX_SESSION_RETRY_SECONDS, Math.max(1, Math.ceil(toolCallTimeoutMs / 1000)));
  }
}
