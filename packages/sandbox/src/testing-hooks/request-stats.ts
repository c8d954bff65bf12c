export interface RequestStatsSnapshot {
  total: number;
  /** Keyed by method and route pattern, e.g. `"GET /api/v4/secrets/:secretName"`. */
  requests: Record<string, number>;
  /**
   * Requests whose client went away before the answer was sent (a cancelled call, a timeout,
   * a dropped connection), by route pattern, so tests can see that a cancellation reached here.
   */
  aborted: Record<string, number>;
}

/** Counts API requests per route pattern so tests can assert on caching, retries and logins. */
export class RequestStats {
  private readonly counts = new Map<string, number>();
  private readonly abortedCounts = new Map<string, number>();

  record(routeKey: string): void {
    this.counts.set(routeKey, this.count(routeKey) + 1);
  }

  recordAborted(routeKey: string): void {
    this.abortedCounts.set(routeKey, (this.abortedCounts.get(routeKey) ?? 0) + 1);
  }

  count(routeKey: string): number {
    return this.counts.get(routeKey) ?? 0;
  }

  snapshot(): RequestStatsSnapshot {
    const requests = Object.fromEntries(this.counts);
    const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    return { total, requests, aborted: Object.fromEntries(this.abortedCounts) };
  }

  reset(): void {
    this.counts.clear();
    this.abortedCounts.clear();
  }
}
