export interface FailNextFault {
  /** HTTP status to answer with, 400-599. */
  status: number;
  /** How many matching requests fail; default 1. */
  count?: number;
  /** Sent as Retry-After; 429 answers default to 1. */
  retryAfterSeconds?: number;
  /** Route key such as `"GET /api/v4/secrets"`; omitted means any API route. */
  route?: string;
}

export interface DropNextFault {
  /** How many matching requests lose their connection; default 1. */
  count?: number;
  route?: string;
  /**
   * `before` (default): the connection is closed before the request runs, so nothing changes.
   * `after`: the request runs (a write is applied) and then the connection is closed instead of
   * answering, so the client cannot tell whether it took effect.
   */
  when?: 'before' | 'after';
}

export interface FaultSettings {
  latencyMs?: number;
  /** `null` cancels a pending failure. */
  failNext?: FailNextFault | null;
  /** `null` cancels a pending drop. */
  dropNext?: DropNextFault | null;
}

export interface FaultSnapshot {
  latencyMs: number;
  failNext: (FailNextFault & { count: number }) | null;
  dropNext: (DropNextFault & { count: number }) | null;
}

export interface InjectedFailure {
  status: number;
  retryAfterSeconds?: number;
}

/**
 * Faults applied to API requests (never to `/__sandbox` routes): added latency, failing the next
 * N requests with a status, or dropping their connection without an answer.
 */
export class FaultInjector {
  private latency: number;
  private failNext: (FailNextFault & { count: number }) | null = null;
  private dropNext: (DropNextFault & { count: number }) | null = null;

  constructor(latencyMs = 0) {
    this.latency = latencyMs;
  }

  get latencyMs(): number {
    return this.latency;
  }

  /** Fields that are present replace the current ones; absent fields are kept. */
  configure(settings: FaultSettings): FaultSnapshot {
    if (settings.latencyMs !== undefined) this.latency = settings.latencyMs;
    if (settings.failNext !== undefined) {
      this.failNext = settings.failNext && {
        ...settings.failNext,
        count: settings.failNext.count ?? 1,
      };
    }
    if (settings.dropNext !== undefined) {
      this.dropNext = settings.dropNext && {
        ...settings.dropNext,
        count: settings.dropNext.count ?? 1,
      };
    }
    return this.snapshot();
  }

  /** Removes every fault, including latency configured at start. */
  clear(): FaultSnapshot {
    this.latency = 0;
    this.failNext = null;
    this.dropNext = null;
    return this.snapshot();
  }

  snapshot(): FaultSnapshot {
    return {
      latencyMs: this.latency,
      failNext: this.failNext && { ...this.failNext },
      dropNext: this.dropNext && { ...this.dropNext },
    };
  }

  /** When this request's connection should be dropped, if at all; consumes one drop if so. */
  takeDrop(routeKey: string): 'before' | 'after' | undefined {
    if (!this.dropNext || !matches(this.dropNext.route, routeKey)) return undefined;
    const when = this.dropNext.when ?? 'before';
    this.dropNext.count -= 1;
    if (this.dropNext.count <= 0) this.dropNext = null;
    return when;
  }

  /** The failure this request should get, if any; consumes one failure if so. */
  takeFailure(routeKey: string): InjectedFailure | undefined {
    const fault = this.failNext;
    if (!fault || !matches(fault.route, routeKey)) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.failNext = null;
    return { status: fault.status, retryAfterSeconds: fault.retryAfterSeconds };
  }
}

function matches(route: string | undefined, routeKey: string): boolean {
  return route === undefined || route === routeKey;
}
