// Memory of the HTTP server holding 0, 1,000 and 10,000 idle Streamable HTTP sessions, each
// opened by a raw initialize POST and its initialized notification, then left alone. The
// server runs with a session TTL longer than the bench so none expires while counting. Measured
// twice: sessions still held in memory (as in their first minute idle, or while a client
// listens on a stream), and sessions past --session-hibernate-after, which keep only their
// record in the session store until their next request restores them.
import { connectInspector, inspectorUrlIn } from '../support/inspector-client.mjs';
import { residentBytes } from '../support/machine.mjs';
import { createKeepAliveAgent, sendJson } from '../support/raw-http.mjs';
import { openStreamableHttpSession } from '../support/raw-sessions.mjs';
import { startOurHttpServer } from '../support/server-processes.mjs';
import { median, round } from '../support/statistics.mjs';

const SESSION_TTL_SECONDS = 86_400;
const HANDSHAKES_IN_FLIGHT = 16;
/** Opening sessions stops here even if the count is not reached; the report says so. */
const OPENING_BUDGET_MS = 150_000;
const WARMUP_SESSIONS = 200;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function openManySessions(baseUrl, agent, count, deadline) {
  const ids = [];
  let next = 0;
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      next++;
      ids.push(await openStreamableHttpSession(baseUrl, agent));
    }
  };
  await Promise.all(Array.from({ length: HANDSHAKES_IN_FLIGHT }, worker));
  return ids;
}

/** Short enough that sessions hibernate while the bench waits; the sweeper looks every 1 s. */
const HIBERNATE_AFTER_SECONDS = 2;

export async function measureIdleSessionMemory({ sandbox, settings, log }) {
  const held = await measureOneWay({
    sandbox,
    settings,
    log: (line) => log(`${line} (held in memory)`),
    hibernateAfterSeconds: SESSION_TTL_SECONDS,
    settleMs: 0,
  });
  const hibernated = await measureOneWay({
    sandbox,
    settings,
    log: (line) => log(`${line} (hibernated)`),
    hibernateAfterSeconds: HIBERNATE_AFTER_SECONDS,
    settleMs: (HIBERNATE_AFTER_SECONDS + 2) * 1000,
  });
  return {
    sessionTtlSeconds: SESSION_TTL_SECONDS,
    hibernateAfterSeconds: HIBERNATE_AFTER_SECONDS,
    garbageCollectedBeforeSampling: held.garbageCollectedBeforeSampling,
    /** Idle sessions past hibernation: what an idle session costs once its first minute is over. */
    points: hibernated.points,
    /** Idle sessions still held in memory. */
    heldPoints: held.points,
  };
}

async function measureOneWay({ sandbox, settings, log, hibernateAfterSeconds, settleMs }) {
  const server = await startOurHttpServer(sandbox, {
    args: [
      '--session-ttl',
      String(SESSION_TTL_SECONDS),
      '--session-hibernate-after',
      String(hibernateAfterSeconds),
      '--ws-port',
      'off',
    ],
    nodeOptions: ['--inspect=127.0.0.1:0'],
  });
  const agent = createKeepAliveAgent();
  let inspector;
  try {
    const inspectorUrl = inspectorUrlIn(server.stderr());
    inspector = inspectorUrl ? await connectInspector(inspectorUrl) : undefined;
    const sample = async () => {
      await sleep(settleMs);
      // Garbage first, twice (the second pass frees what finalizers of the first released),
      // then let the allocator settle before reading RSS.
      if (inspector) {
        await inspector.collectGarbage();
        await inspector.collectGarbage();
      }
      await sleep(500);
      const rss = [];
      for (let i = 0; i < 5; i++) {
        rss.push(residentBytes(server.pid));
        await sleep(100);
      }
      return {
        rssBytes: median(rss),
        heapUsedBytes: inspector ? await inspector.heapUsedBytes() : undefined,
      };
    };

    // Open and end some sessions first, so code loaded on the first session (the SDK's
    // transport, schemas, the MCP server) counts in the baseline and not per session.
    const mcpUrl = new URL('/mcp', server.baseUrl);
    const warmupIds = await openManySessions(server.baseUrl, agent, WARMUP_SESSIONS, Infinity);
    for (const id of warmupIds) {
      await sendJson(mcpUrl, { method: 'DELETE', agent, headers: { 'mcp-session-id': id } });
    }

    const deadline = Date.now() + OPENING_BUDGET_MS;
    const points = [];
    let open = 0;
    for (const target of settings.idleSessionSteps) {
      if (target > open) {
        open += (await openManySessions(server.baseUrl, agent, target - open, deadline)).length;
      }
      points.push({ sessions: open, requested: target, ...(await sample()) });
      log(`  memory: ${open} idle sessions`);
    }
    const baseline = points[0];
    for (const point of points) {
      point.rssMiB = round(point.rssBytes / 2 ** 20, 1);
      if (point.sessions === 0) continue;
      point.rssBytesPerSession = Math.round((point.rssBytes - baseline.rssBytes) / point.sessions);
      if (point.heapUsedBytes !== undefined) {
        point.heapBytesPerSession = Math.round(
          (point.heapUsedBytes - baseline.heapUsedBytes) / point.sessions,
        );
      }
    }
    return { garbageCollectedBeforeSampling: inspector !== undefined, points };
  } finally {
    inspector?.close();
    agent.destroy();
    await server.stop();
  }
}
