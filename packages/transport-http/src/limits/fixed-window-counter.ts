export interface WindowHit {
  allowed: boolean;
  /** Seconds until the key's window ends and it may try again (at least 1). */
  retryAfterSeconds: number;
}

/** Expired windows are swept once this many keys are held. */
const SWEEP_AT = 10_000;

/**
 * Counts hits per key in fixed windows that start at a key's first hit, as @fastify/rate-limit's
 * local store does; for events that are not HTTP requests (tool calls inside a session).
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): WindowHit {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return {
      allowed: window.count <= this.max,
      retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
    };
  }

  /** The key's standing without counting a hit: whether one more would still be allowed. */
  peek(key: string): WindowHit {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.endsAt <= now) return { allowed: true, retryAfterSeconds: 1 };
    return {
      allowed: window.count < this.max,
      retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
    };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) this.windows.delete(key);
    }
  }
}
