// Knobs shared by every section. Defaults keep the whole suite well under 10 minutes on the
// 2-core reference machine; the environment variables exist to shorten a run while iterating.

function positiveInteger(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  }
  return value;
}

const idleSessions = positiveInteger('BENCH_IDLE_SESSIONS', 10_000);

export const settings = {
  /**
   * Longest wait, before each timed section (cold start, latency, throughput), for other
   * processes to leave the cores alone before measuring anyway.
   */
  quietWaitMs: positiveInteger('BENCH_QUIET_WAIT_MS', 60_000),
  /** Cold start: spawns per server (median of this many, interleaved). */
  coldStartRuns: positiveInteger('BENCH_COLD_START_RUNS', 20),
  /** Tool-call latency: sequential calls per transport, tool and sandbox latency. */
  latencyCallsAtZeroMs: positiveInteger('BENCH_LATENCY_CALLS', 500),
  latencyCallsAtTwentyMs: positiveInteger('BENCH_LATENCY_CALLS_SLOW', 150),
  /** Untimed calls first: enough for the JIT at 0 ms; at 20 ms the servers are already warm. */
  latencyWarmupCalls: 150,
  latencyWarmupCallsSlow: 10,
  /** No latency series runs longer than this, whatever its call count. */
  latencySeriesBudgetMs: 10_000,
  /** Infisical requests: calls per tool and strategy after the first one. */
  requestCountCalls: 20,
  /** Throughput: each cell warms up, then counts completed calls for this long. */
  throughputWarmupMs: positiveInteger('BENCH_THROUGHPUT_WARMUP_MS', 1_000),
  throughputMeasureMs: positiveInteger('BENCH_THROUGHPUT_MS', 3_000),
  throughputSessions: [1, 10, 100],
  /** Memory: idle Streamable HTTP sessions open at each measuring point (a tenth, then all). */
  idleSessionSteps: [...new Set([0, Math.max(1, Math.round(idleSessions / 10)), idleSessions])],
  /**
   * Session churn: cycles of connect, tools/list, tools/call and close with the SDK client; the
   * server's memory is read after a tenth, half and all of them.
   */
  churnCycles: positiveInteger('BENCH_CHURN_CYCLES', 10_000),
  /** Seeded secrets in the folder that list-secrets reads. */
  seededSecrets: 100,
  /** Sandbox latencies the latency section runs at: none, then a realistic round trip. */
  sandboxLatenciesMs: [0, 20],
};
