import {
  legacySseCaller,
  streamableHttpSessionCaller,
  webSocketCaller,
} from '@infisical/mcp-bench/src/support/mcp-callers.mjs';
import { startSandboxProcess } from '@infisical/mcp-bench/src/support/sandbox-process.mjs';
import { startOurHttpServer } from '@infisical/mcp-bench/src/support/server-processes.mjs';
import { median, percentile, round } from '@infisical/mcp-bench/src/support/statistics.mjs';
import { sampleMemory } from './memory-sampler.mjs';
import { runSoakSession, SOAK_ENVIRONMENT } from './soak-session.mjs';
import { WriteLog } from './write-log.mjs';

export const TRANSPORTS = {
  'streamable-http': (server) => streamableHttpSessionCaller(server.baseUrl),
  websocket: (server) => webSocketCaller(server.websocketUrl),
  'legacy-sse': (server) => legacySseCaller(server.baseUrl),
};

const PREFIX = 'SOAK_';

/**
 * Holds `sessions` MCP sessions (spread over the transports) against the built HTTP server and a
 * sandbox, each doing mixed reads and writes for `durationMs`, then checks the sandbox's state
 * against the log of acknowledged writes. Resolves with a report; never throws for a failed call.
 */
export async function runSoak({
  sessions = 10,
  durationMs = 15_000,
  thinkMs = 100,
  keysPerSession = 8,
  latencyMs = 0,
  transports = Object.keys(TRANSPORTS),
  windows = 10,
  /** Node options of the server process, e.g. `--max-old-space-size=128` to prove a bound. */
  serverNodeOptions = /** @type {string[]} */ ([]),
  progress = () => {},
} = {}) {
  const sandbox = await startSandboxProcess();
  let server;
  const callers = [];
  try {
    if (latencyMs > 0) await sandbox.setLatency(latencyMs);
    server = await startOurHttpServer(sandbox, { nodeOptions: serverNodeOptions });
    const memory = sampleMemory(server.pid, Math.max(500, Math.min(10_000, durationMs / 60)));
    for (let index = 0; index < sessions; index++) {
      const transport = transports[index % transports.length];
      callers.push(await TRANSPORTS[transport](server));
    }
    const log = new WriteLog();
    const calls = [];
    const errors = new Map();
    const started = Date.now();
    const deadline = started + durationMs;
    const onCall = ({ kind, ok, ms, error }) => {
      calls.push({ at: Date.now() - started, kind, ok, ms });
      if (!ok) errors.set(error, (errors.get(error) ?? 0) + 1);
    };
    const ticker = setInterval(() => progress(summarise(calls, memory.samples.at(-1))), 60_000);
    await Promise.all(
      callers.map((caller, index) =>
        runSoakSession({
          caller,
          index,
          projectId: sandbox.projectId,
          log,
          deadline,
          thinkMs,
          keysPerSession,
          prefix: PREFIX,
          onCall,
        }),
      ),
    );
    clearInterval(ticker);
    const samples = await memory.stop();
    const health = await fetch(`${server.baseUrl}/health`).then(
      (r) => r.status,
      () => 0,
    );
    const secrets = await sandbox.admin.secrets(sandbox.projectId, SOAK_ENVIRONMENT);
    const verification = log.verify(secrets, PREFIX);
    return {
      settings: { sessions, durationMs, thinkMs, keysPerSession, latencyMs, transports },
      totals: {
        ...summarise(calls),
        writesAcknowledged: log.acknowledgedWrites,
        lostWrites: verification.lost.length,
        unexpectedKeys: verification.unexpected.length,
        keysChecked: verification.checkedKeys,
        keysUncertain: verification.uncertainKeys,
        healthAfter: health,
      },
      memory: memorySummary(samples),
      windows: perWindow(calls, samples, durationMs, windows),
      errors: [...errors].map(([message, count]) => ({ message, count })),
      lost: verification.lost.slice(0, 10),
      unexpected: verification.unexpected.slice(0, 10),
    };
  } finally {
    await Promise.allSettled(callers.map((caller) => caller.close()));
    await server?.stop();
    await sandbox.stop();
  }
}

function summarise(calls, lastSample) {
  const ms = calls.map((call) => call.ms);
  return {
    calls: calls.length,
    failed: calls.filter((call) => !call.ok).length,
    reads: calls.filter((call) => call.kind === 'read').length,
    writes: calls.filter((call) => call.kind === 'write').length,
    p50Ms: round(percentile(ms, 50)),
    p99Ms: round(percentile(ms, 99)),
    // Not Math.max(...ms): a long soak has more calls than a call may have arguments.
    maxMs: round(ms.reduce((max, value) => Math.max(max, value), 0)),
    ...(lastSample ? { rssMiB: round(lastSample.rssMiB), load1: round(lastSample.load1) } : {}),
  };
}

/**
 * Memory after warm-up against memory at the end: medians of the second and the last fifth of
 * the samples, so one garbage-collection peak does not decide.
 */
function memorySummary(samples) {
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  const warm = median(samples.slice(fifth, 2 * fifth).map((s) => s.rssMiB));
  const end = median(samples.slice(-fifth).map((s) => s.rssMiB));
  return {
    samples: samples.length,
    startMiB: round(samples[0]?.rssMiB ?? Number.NaN),
    afterWarmUpMiB: round(warm),
    endMiB: round(end),
    peakMiB: round(samples.reduce((max, s) => Math.max(max, s.rssMiB), 0)),
    growthMiB: round(end - warm),
  };
}

function perWindow(calls, samples, durationMs, count) {
  const size = durationMs / count;
  return Array.from({ length: count }, (_, i) => {
    const inWindow = calls.filter((call) => call.at >= i * size && call.at < (i + 1) * size);
    const sample = samples.filter((s) => s.atSeconds * 1000 <= (i + 1) * size).at(-1);
    return { untilSeconds: round(((i + 1) * size) / 1000), ...summarise(inWindow, sample) };
  });
}
