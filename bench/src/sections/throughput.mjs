// Throughput: get-secret calls per second with 1, 10 and 100 concurrent sessions, each calling
// again as soon as its previous call is answered (closed loop), over Streamable HTTP and
// WebSocket, against a bare fastify route serving the same JSON (the ceiling). A direct REST
// read from the sandbox at the same concurrency is shown too: every tool call of ours costs
// the sandbox one such request on the same cores.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { relayEnvironment } from '../servers/relay-settings.mjs';
import { directRestCaller } from '../support/direct-rest-caller.mjs';
import { processCpuMs } from '../support/machine.mjs';
import { createKeepAliveAgent } from '../support/raw-http.mjs';
import {
  plainJsonRpcSession,
  streamableHttpSession,
  unknownSessionPoster,
  unparsableFrameSender,
  webSocketSession,
} from '../support/raw-sessions.mjs';
import { stopChild } from '../support/server-processes.mjs';
import { percentile, round } from '../support/statistics.mjs';
import { latencyTools } from './tool-call-latency.mjs';

const CEILING_SERVER = fileURLToPath(
  new URL('../servers/bare-fastify-ceiling.mjs', import.meta.url),
);
const RELAY_SERVER = fileURLToPath(new URL('../servers/bare-fastify-relay.mjs', import.meta.url));
/** The longest the window waits, after the warm-up, for every session's first answer. */
const WAIT_FOR_FIRST_ANSWERS_MS = 30_000;
/** A session that fails this many calls stops calling, so a broken server cannot spin the loop. */
const MAX_ERRORS_PER_SESSION = 3;

export const CEILING_ID = 'ceiling';
export const RELAY_ID = 'relay';

/** Starts one of the bench's bare fastify servers, which print `{"url":…}` once listening. */
async function startBareServer(script, env) {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url } = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 15_000);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/** Opens `count` sessions, at most 20 handshakes at a time. */
async function openSessions(count, open) {
  const sessions = [];
  for (let first = 0; first < count; first += 20) {
    const batch = Math.min(20, count - first);
    sessions.push(...(await Promise.all(Array.from({ length: batch }, () => open()))));
  }
  return sessions;
}

/** CPU the serving process used in the window; undefined where /proc cannot be read. */
function cpuMeter(pid) {
  const read = () => {
    try {
      return processCpuMs(pid);
    } catch {
      return undefined;
    }
  };
  let startMs;
  let endMs;
  return {
    start: () => {
      startMs = read();
    },
    stop: () => {
      endMs = read();
    },
    usedMs: () => (startMs === undefined || endMs === undefined ? undefined : endMs - startMs),
  };
}

async function runClosedLoops(sessions, call, { warmupMs, measureMs, servingPid }) {
  // The window opens after the warm-up and once every session has had an answer: a session's
  // first call opens connections (client to server, server to upstream) and costs several
  // times a later one. On a slow machine a hundred first calls outlast a fixed warm-up, and the
  // sessions answered early keep the server busy meanwhile: counted, the last first calls
  // looked like seconds-long stalls in p99.
  const warmupEnds = performance.now() + warmupMs;
  let measureFrom = Number.POSITIVE_INFINITY;
  let measureUntil = Number.POSITIVE_INFINITY;
  let unanswered = sessions.length;
  // The serving process's CPU over the same window tells whether it, or something else, is
  // the limit: a process near 100% of a core is saturated.
  const cpu = cpuMeter(servingPid);
  const windowTimers = [];
  const openWindow = () => {
    if (measureFrom !== Number.POSITIVE_INFINITY) return;
    measureFrom = Math.max(performance.now(), warmupEnds);
    measureUntil = measureFrom + measureMs;
    windowTimers.push(
      setTimeout(cpu.start, measureFrom - performance.now()),
      setTimeout(cpu.stop, measureUntil - performance.now()),
    );
  };
  // No session may keep the window shut for good (one that keeps failing stops calling).
  windowTimers.push(setTimeout(openWindow, warmupMs + WAIT_FOR_FIRST_ANSWERS_MS));
  let completed = 0;
  let errors = 0;
  let firstError;
  const latencies = [];
  await Promise.all(
    sessions.map(async (session) => {
      let sessionErrors = 0;
      let answered = false;
      while (performance.now() < measureUntil && sessionErrors < MAX_ERRORS_PER_SESSION) {
        const started = performance.now();
        try {
          await call(session);
        } catch (error) {
          errors++;
          sessionErrors++;
          firstError ??= error;
          continue;
        }
        const finished = performance.now();
        if (!answered) {
          answered = true;
          unanswered--;
          if (unanswered === 0) openWindow();
        }
        if (finished >= measureFrom && finished <= measureUntil) {
          completed++;
          latencies.push(finished - started);
        }
      }
    }),
  );
  for (const timer of windowTimers) clearTimeout(timer);
  const serverCpuMs = cpu.usedMs();
  return {
    callsPerSecond: round((completed * 1000) / measureMs, 0),
    serverCpuMsPerCall:
      serverCpuMs === undefined || completed === 0 ? undefined : round(serverCpuMs / completed, 3),
    serverCoresBusy: serverCpuMs === undefined ? undefined : round(serverCpuMs / measureMs, 2),
    completed,
    errors,
    firstError: firstError ? String(firstError.message ?? firstError).slice(0, 300) : undefined,
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
  };
}

export async function measureThroughput({ sandbox, httpServer, settings, log }) {
  await sandbox.setLatency(0);
  const [getSecret] = latencyTools(sandbox);
  // The ceiling answers with exactly what our get-secret answers.
  const probe = await plainJsonRpcSession(httpServer.baseUrl);
  const result = await probe.callTool(getSecret.tool, getSecret.args);
  await probe.close();
  const ceiling = await startBareServer(CEILING_SERVER, {
    BENCH_CEILING_RESULT: JSON.stringify(result),
  });
  const relay = await startBareServer(RELAY_SERVER, {
    BENCH_RELAY: relayEnvironment(sandbox, { [getSecret.tool]: result }),
  }).catch(async (error) => {
    await ceiling.stop();
    throw error;
  });
  const contenders = [
    {
      id: CEILING_ID,
      label: 'bare fastify route, same JSON (ceiling)',
      servingPid: ceiling.pid,
      open: (agent) => plainJsonRpcSession(ceiling.url, agent),
    },
    {
      id: RELAY_ID,
      label: 'bare fastify route, same JSON after the same REST read (reference)',
      short: 'bare fastify relay, same REST read',
      servingPid: relay.pid,
      open: (agent) => plainJsonRpcSession(relay.url, agent),
    },
    {
      id: 'streamable-http',
      label: 'ours, Streamable HTTP (sessions)',
      servingPid: httpServer.pid,
      open: (agent) => streamableHttpSession(httpServer.baseUrl, agent),
    },
    {
      id: 'websocket',
      label: 'ours, WebSocket',
      servingPid: httpServer.pid,
      open: () => webSocketSession(httpServer.websocketUrl),
    },
    {
      id: 'sandbox-rest',
      label: 'direct REST to the sandbox (reference)',
      servingPid: sandbox.pid,
      open: () => directRestCaller(sandbox),
    },
  ];
  const callGetSecret = (session) => session.callTool(getSecret.tool, getSecret.args);
  const rows = [];
  let transportCost;
  try {
    for (const sessionCount of settings.throughputSessions) {
      for (const contender of contenders) {
        const agent = createKeepAliveAgent();
        const sessions = await openSessions(sessionCount, () => contender.open(agent));
        try {
          const measured = await runClosedLoops(sessions, callGetSecret, {
            warmupMs: settings.throughputWarmupMs,
            measureMs: settings.throughputMeasureMs,
            servingPid: contender.servingPid,
          });
          rows.push({
            id: contender.id,
            label: contender.label,
            short: contender.short,
            sessions: sessionCount,
            ...measured,
          });
          log(
            `  throughput, ${sessionCount} session(s): ${contender.label}: ${measured.callsPerSecond}/s`,
          );
        } finally {
          await Promise.all(sessions.map((session) => session.close()));
          agent.destroy();
        }
      }
    }
    transportCost = await measureTransportCost(contenders, httpServer, settings, log);
  } finally {
    await Promise.all([ceiling.stop(), relay.stop()]);
  }
  for (const row of rows) {
    const ceilingRow = rows.find((c) => c.id === CEILING_ID && c.sessions === row.sessions);
    row.shareOfCeiling = round(row.callsPerSecond / ceilingRow.callsPerSecond, 2);
  }
  return {
    tool: getSecret.tool,
    warmupMs: settings.throughputWarmupMs,
    measureMs: settings.throughputMeasureMs,
    rows,
    transportCost,
  };
}

/**
 * What each transport costs our server per message, apart from any tool: `ping` answered by
 * the MCP server alone, no Infisical request behind it, over a Streamable HTTP session and over
 * WebSocket at the same concurrency, against the ceiling's bare fastify route. The difference
 * between the two transports here is theirs alone, as the tool's work is absent. A message our
 * server answers before any MCP work, on each transport, splits that difference: what the
 * message's own handling costs (an HTTP request's against a frame's), and the rest.
 * At 1 session the pings' round trips are timed too, for the latency target.
 */
async function measureTransportCost(contenders, httpServer, settings, log) {
  const ping = (session) => session.ping();
  const send = (session) => session.send();
  const measuredContenders = [
    ...contenders
      .filter((contender) => PING_CONTENDERS.includes(contender.id))
      .map((contender) => ({ ...contender, message: ping })),
    {
      id: REFUSED_POST_ID,
      label: 'ours, a ping POST answered before MCP (unknown session, 404)',
      servingPid: httpServer.pid,
      open: (agent) => unknownSessionPoster(httpServer.baseUrl, agent),
      message: send,
    },
    {
      id: REFUSED_FRAME_ID,
      label: 'ours, a WebSocket frame answered before MCP (not JSON, parse error)',
      servingPid: httpServer.pid,
      open: () => unparsableFrameSender(httpServer.websocketUrl),
      message: send,
    },
  ];
  const cells = [
    ...measuredContenders.map((contender) => [contender, TRANSPORT_COST_SESSIONS]),
    ...measuredContenders
      .filter((contender) => ROUND_TRIP_CONTENDERS.includes(contender.id))
      .map((contender) => [contender, 1]),
  ];
  const rows = [];
  for (const [contender, sessionCount] of cells) {
    const agent = createKeepAliveAgent();
    const sessions = await openSessions(sessionCount, () => contender.open(agent));
    try {
      const measured = await runClosedLoops(sessions, contender.message, {
        warmupMs: settings.throughputWarmupMs,
        measureMs: settings.throughputMeasureMs,
        servingPid: contender.servingPid,
      });
      if (measured.completed === 0) throw new Error(`${contender.label}: ${measured.firstError}`);
      rows.push({ id: contender.id, label: contender.label, sessions: sessionCount, ...measured });
      log(
        `  transport cost, ${sessionCount} session(s): ${contender.label}: ${measured.serverCpuMsPerCall} ms CPU, p50 ${measured.p50Ms} ms${measured.errors ? `, ${measured.errors} errors (${measured.firstError})` : ''}`,
      );
    } finally {
      await Promise.all(sessions.map((session) => session.close()));
      agent.destroy();
    }
  }
  return { method: 'ping', sessions: TRANSPORT_COST_SESSIONS, rows };
}

const TRANSPORT_COST_SESSIONS = 10;
/** The ceiling answers any POST, ping included, with its constant JSON. */
const PING_CONTENDERS = [CEILING_ID, 'streamable-http', 'websocket'];
const REFUSED_POST_ID = 'streamable-http-refused';
const REFUSED_FRAME_ID = 'websocket-refused';
/** Timed at 1 session as well: a ping's round trip on each of our transports. */
const ROUND_TRIP_CONTENDERS = ['streamable-http', 'websocket'];
