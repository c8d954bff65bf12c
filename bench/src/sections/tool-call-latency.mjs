// Tool-call latency, p50 and p99 of sequential calls, for every transport of ours against a
// direct REST call to the sandbox (the floor), at each sandbox latency. Overhead = ours - floor.
import { fileURLToPath } from 'node:url';
import { relayEnvironment } from '../servers/relay-settings.mjs';
import { directRestCaller } from '../support/direct-rest-caller.mjs';
import {
  legacySseCaller,
  stdioCaller,
  streamableHttpSessionCaller,
  webSocketCaller,
} from '../support/mcp-callers.mjs';
import {
  legacySseSession,
  plainJsonRpcSession,
  stdioSession,
  streamableHttpSession,
  webSocketSession,
} from '../support/raw-sessions.mjs';
import { BENCH_ENVIRONMENT, benchSecretName } from '../support/sandbox-process.mjs';
import {
  infisicalEnvironment,
  OFFICIAL_STDIO_BIN,
  OUR_STDIO_BIN,
} from '../support/server-processes.mjs';
import { elapsedMs, mean, percentile, round } from '../support/statistics.mjs';

export const FLOOR_ID = 'floor';
export const RELAY_ID = 'relay';

const RELAY_SERVER = fileURLToPath(new URL('../servers/bare-stdio-relay.mjs', import.meta.url));

export function latencyTools(sandbox) {
  const location = { projectId: sandbox.projectId, environmentSlug: BENCH_ENVIRONMENT };
  return [
    { tool: 'get-secret', args: { ...location, secretName: benchSecretName(50) } },
    // Values, as the official server always returns them (ours only when asked).
    { tool: 'list-secrets', args: { ...location, includeValues: true } },
  ];
}

/**
 * `target: true` rows are the ones the overhead target applies to: a raw client on every
 * transport, as light as the floor's own REST client, so the difference is what our server
 * adds. The official MCP SDK client rows beside them add that client's own cost (zod parsing of
 * every answer, fetch and a web-streams SSE parser over HTTP), which no server change removes.
 */
function contenders({ sandbox, httpServer, ourResults }) {
  const ourStdio = { bin: OUR_STDIO_BIN, env: infisicalEnvironment(sandbox) };
  return [
    {
      id: FLOOR_ID,
      label: 'direct REST to the sandbox (floor)',
      open: () => directRestCaller(sandbox),
    },
    {
      id: RELAY_ID,
      label: 'bare stdio relay: the same REST read and answer size, no MCP (reference)',
      short: 'bare stdio relay, no MCP',
      open: () =>
        stdioSession({
          bin: RELAY_SERVER,
          env: { PATH: process.env.PATH ?? '', BENCH_RELAY: relayEnvironment(sandbox, ourResults) },
        }),
    },
    {
      id: 'stdio',
      label: 'stdio',
      short: 'stdio',
      target: true,
      open: () => stdioSession(ourStdio),
    },
    {
      id: 'streamable-http-json',
      label: 'Streamable HTTP, JSON (plain JSON-RPC)',
      short: 'HTTP JSON, plain JSON-RPC',
      target: true,
      open: () => plainJsonRpcSession(httpServer.baseUrl),
    },
    {
      // POSTs on a session from the raw client: answered in JSON, as no call asks for progress.
      id: 'streamable-http-session',
      label: 'Streamable HTTP (session)',
      short: 'HTTP session',
      target: true,
      open: () => streamableHttpSession(httpServer.baseUrl),
    },
    {
      id: 'legacy-sse',
      label: 'legacy SSE',
      short: 'legacy SSE',
      target: true,
      open: () => legacySseSession(httpServer.baseUrl),
    },
    {
      id: 'websocket',
      label: 'WebSocket',
      short: 'WebSocket',
      target: true,
      open: () => webSocketSession(httpServer.websocketUrl),
    },
    {
      id: 'stdio-sdk-client',
      label: 'stdio, official SDK client',
      open: () => stdioCaller(ourStdio),
    },
    {
      id: 'streamable-http-session-sdk-client',
      label: 'Streamable HTTP (session), official SDK client',
      open: () => streamableHttpSessionCaller(httpServer.baseUrl),
    },
    {
      id: 'legacy-sse-sdk-client',
      label: 'legacy SSE, official SDK client',
      open: () => legacySseCaller(httpServer.baseUrl),
    },
    {
      id: 'websocket-sdk-client',
      label: 'WebSocket, official SDK client',
      open: () => webSocketCaller(httpServer.websocketUrl),
    },
    {
      id: 'stdio-per-call-token',
      label: 'stdio, per-call token strategy (FlowMCP-style), official SDK client',
      open: () =>
        stdioCaller({
          bin: OUR_STDIO_BIN,
          env: infisicalEnvironment(sandbox, { INFISICAL_TOKEN_STRATEGY: 'per-call' }),
        }),
    },
    {
      id: 'official-stdio',
      label: 'official @infisical/mcp 0.0.24, stdio, official SDK client',
      open: () => stdioCaller({ bin: OFFICIAL_STDIO_BIN, env: infisicalEnvironment(sandbox) }),
    },
  ];
}

/** What our server answers each timed tool with, for the relay to answer the same. */
async function probeOurResults(sandbox, httpServer) {
  const probe = await plainJsonRpcSession(httpServer.baseUrl);
  try {
    const results = {};
    for (const { tool, args } of latencyTools(sandbox)) {
      results[tool] = await probe.callTool(tool, args);
    }
    return results;
  } finally {
    await probe.close();
  }
}

/**
 * Rounds the timed calls of every contender are split into, run one contender after the other:
 * whatever else the machine does during a series then weighs on every row alike, instead of on
 * whichever contender was being timed at that moment.
 */
const ROUNDS = 10;

/** Times every contender's calls of `tool`, interleaved in {@link ROUNDS} rounds. */
async function timeInterleaved(opened, { tool, args }, { calls, warmupCalls, budgetMs }) {
  for (const { caller } of opened) {
    for (let i = 0; i < warmupCalls; i++) await caller.callTool(tool, args);
  }
  const series = opened.map(() => ({ samples: [], spentMs: 0, answer: undefined }));
  const perRound = Math.ceil(calls / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, { caller }] of opened.entries()) {
      const timed = series[index];
      const roundEnd = Math.min(calls, timed.samples.length + perRound);
      while (timed.samples.length < roundEnd && timed.spentMs < budgetMs) {
        const callStarted = process.hrtime.bigint();
        timed.answer = await caller.callTool(tool, args);
        const ms = elapsedMs(callStarted);
        timed.samples.push(ms);
        timed.spentMs += ms;
      }
    }
  }
  // What one call carries back: the tool result, or the floor's REST body, as JSON.
  return series.map(({ samples, answer }) => ({
    samples,
    answerBytes: Buffer.byteLength(JSON.stringify(answer ?? null)),
  }));
}

export async function measureToolCallLatency({ sandbox, httpServer, settings, log }) {
  const rows = [];
  // Callers stay open across sandbox latencies: each server is warm (JIT, connections, token)
  // before the first timed call at every latency.
  const opened = [];
  const ourResults = await probeOurResults(sandbox, httpServer);
  try {
    for (const contender of contenders({ sandbox, httpServer, ourResults })) {
      opened.push({ contender, caller: await contender.open() });
    }
    for (const latencyMs of settings.sandboxLatenciesMs) {
      await sandbox.setLatency(latencyMs);
      const calls =
        latencyMs === 0 ? settings.latencyCallsAtZeroMs : settings.latencyCallsAtTwentyMs;
      const warmupCalls =
        latencyMs === 0 ? settings.latencyWarmupCalls : settings.latencyWarmupCallsSlow;
      for (const tool of latencyTools(sandbox)) {
        const timed = await timeInterleaved(opened, tool, {
          calls,
          warmupCalls,
          budgetMs: settings.latencySeriesBudgetMs,
        });
        for (const [index, { contender }] of opened.entries()) {
          const { samples, answerBytes } = timed[index];
          rows.push({
            latencyMs,
            id: contender.id,
            label: contender.label,
            short: contender.short ?? contender.label,
            target: contender.target === true,
            tool: tool.tool,
            calls: samples.length,
            p50Ms: round(percentile(samples, 50), 2),
            p99Ms: round(percentile(samples, 99), 2),
            meanMs: round(mean(samples), 2),
            answerBytes,
          });
        }
        log(`  latency at ${latencyMs} ms: ${tool.tool}, ${opened.length} contenders`);
      }
    }
  } finally {
    await sandbox.setLatency(0);
    for (const { caller } of opened) await caller.close();
  }
  for (const row of rows) {
    const floor = rows.find(
      (candidate) =>
        candidate.id === FLOOR_ID &&
        candidate.latencyMs === row.latencyMs &&
        candidate.tool === row.tool,
    );
    row.overheadP50Ms = round(row.p50Ms - floor.p50Ms, 2);
    row.overheadP99Ms = round(row.p99Ms - floor.p99Ms, 2);
  }
  return {
    callsAtZeroMs: settings.latencyCallsAtZeroMs,
    callsAtTwentyMs: settings.latencyCallsAtTwentyMs,
    rounds: ROUNDS,
    rows,
  };
}
