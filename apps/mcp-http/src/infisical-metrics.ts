import type { InfisicalCallEvent } from '@infisical/mcp-core';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Prometheus instruments for the server's own calls to Infisical, logins and renewals. */
export function infisicalCallMetrics(registry: Registry): (event: InfisicalCallEvent) => void {
  const registers = [registry];
  const calls = new Counter({
    name: 'infisical_requests_total',
    help: 'Requests to the Infisical API by operation and outcome',
    labelNames: ['operation', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'infisical_request_duration_seconds',
    help: 'Duration of requests to the Infisical API by operation',
    labelNames: ['operation'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers,
  });
  const tokenRefreshes = new Counter({
    name: 'infisical_token_refreshes_total',
    help: 'Access tokens obtained, by kind (login, renew) and outcome',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  return (event) => {
    calls.inc({ operation: event.operation, outcome: event.outcome });
    duration.observe({ operation: event.operation }, event.durationMs / 1000);
    if (event.operation === 'auth.login' || event.operation === 'auth.renew') {
      tokenRefreshes.inc({ kind: event.operation.slice(5), outcome: event.outcome });
    }
  };
}
