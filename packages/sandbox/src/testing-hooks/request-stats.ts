export interface RequestStatsSnapshot {
  total: number;
  /** Keyed by method and route pattern, e.g. `"GET /api/v4/secrets/:secretName"`. */
  requests: Record<string, number>;
}

/** Counts API requests per route pattern so tests can assert on caching, retries and logins. */
export class RequestStats {
  private readonly counts = new Map<string, number>();

  record(routeKey: string): void {
    this.counts.set(routeKey, this.count(routeKey) + 1);
  }

  count(routeKey: string): number {
    return this.counts.get(routeKey) ?? 0;
  }

  snapshot(): RequestStatsSnapshot {
    const requests = Object.fromEntries(this.counts);
    const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    return { total, requests };
  }

  reset(): void {
    this.counts.clear();
  }
}
