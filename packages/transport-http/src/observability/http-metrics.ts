import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TransportKind } from '../mcp-server-factory.js';

/** The transport layer's Prometheus instruments, registered on one registry. */
export class HttpMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly toolCalls: Counter<'tool' | 'outcome'>;
  readonly toolCallDuration: Histogram<'tool' | 'outcome'>;
  readonly sessionsOpened: Counter<'transport'>;
  readonly slowReadersDropped: Counter;

  private readonly toolLabels = new Set<string>();

  constructor(registry: Registry | undefined, activeSessions: () => Map<TransportKind, number>) {
    this.registry = registry ?? new Registry();
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'mcp_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.toolCalls = new Counter({
      name: 'mcp_tool_calls_total',
      help: 'tools/call requests by tool and outcome (ok, tool_error, protocol_error)',
      labelNames: ['tool', 'outcome'],
      registers,
    });
    this.toolCallDuration = new Histogram({
      name: 'mcp_tool_call_duration_seconds',
      help: 'Time from a tools/call request to its response',
      labelNames: ['tool', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.sessionsOpened = new Counter({
      name: 'mcp_sessions_opened_total',
      help: 'Sessions opened by transport',
      labelNames: ['transport'],
      registers,
    });
    this.slowReadersDropped = new Counter({
      name: 'mcp_slow_readers_dropped_total',
      help: 'Connections closed because the client stopped reading while output piled up',
      registers,
    });
    new Gauge({
      name: 'mcp_active_sessions',
      help: 'Open sessions by transport',
      labelNames: ['transport'],
      registers,
      collect() {
        this.reset();
        for (const [transport, count] of activeSessions()) this.set({ transport }, count);
      },
    });
  }

  /**
   * Tool names come from clients: only well-formed names of tools the server serves become
   * labels (`unknown` for the rest), and at most 200 of them, so a client can neither grow the
   * metrics without bound nor put its own text in them.
   */
  toolLabel(name: unknown, served = true): string {
    if (typeof name !== 'string' || !/^[\w.-]{1,64}$/.test(name)) return 'invalid';
    if (!served) return 'unknown';
    if (this.toolLabels.has(name)) return name;
    if (this.toolLabels.size >= 200) return 'other';
    this.toolLabels.add(name);
    return name;
  }
}
