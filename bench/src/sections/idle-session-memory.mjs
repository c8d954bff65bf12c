// Memory of the HTTP server holding 0, 1,000 and 10,000 idle Streamable HTTP sessions
// (BENCH_IDLE_SESSIONS sets the largest count, the middle one is a tenth of it), each opened by a raw initialize POST and its initialized notification, then left alone. The server
// runs with a session TTL longer than the bench so none expires while counting, and is sampled
// only once every session is past the release of its MCP server (`sessionServerReleaseMs`, 2 s
// after a session's last request): what is left is what an idle session costs, its record.
import { connectInspector, inspectorUrlIn } from '../support/inspector-client.mjs';
import { createKeepAliveAgent, sendJson } from '../support/raw-http.mjs';
import { openStreamableHttpSession } from '../support/raw-sessions.mjs';
import { sampleServerMemory } from '../support/server-memory.mjs';
import { startOurHttpServer } from '../support/server-processes.mjs';
import { round } from '../support/statistics.mjs';

const SESSION_TTL_SECONDS = 86_400;
const HANDSHAKES_IN_FLIGHT = 16;
/** Opening sessions stops here even if the count is not reached; the report says so. */
const OPENING_BUDGET_MS = 150_000;
const WARMUP_SESSIONS = 200;
/** The server's default release of an idle session's MCP server, plus a margin for its timers. */
const SERVER_RELEASE_MS = 2_000;
const SETTLE_MS = SERVER_RELEASE_MS + 2_000;

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

export async function measureIdleSessionMemory({ sandbox, settings, log }) {
  const server = await startOurHttpServer(sandbox, {
    args: ['--session-ttl', String(SESSION_TTL_SECONDS), '--ws-port', 'off'],
    nodeOptions: ['--inspect=127.0.0.1:0'],
  });
  const agent = createKeepAliveAgent();
  let inspector;
  try {
    const inspectorUrl = inspectorUrlIn(server.stderr());
    inspector = inspectorUrl ? await connectInspector(inspectorUrl) : undefined;
    const sample = () => sampleServerMemory({ pid: server.pid, inspector, settleMs: SETTLE_MS });

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
    return {
      sessionTtlSeconds: SESSION_TTL_SECONDS,
      settleMs: SETTLE_MS,
      garbageCollectedBeforeSampling: inspector !== undefined,
      points,
    };
  } finally {
    inspector?.close();
    agent.destroy();
    await server.stop();
  }
}
