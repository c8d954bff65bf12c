// Session churn: one client runs cycles of connect, tools/list, tools/call (get-secret) and
// close, as n8n's MCP Client Tool does once per workflow execution: the official SDK client at
// the version n8n pins (1.26.0), with n8n's clientInfo and empty capabilities. Its
// StreamableHTTPClientTransport opens a GET stream after initialize and its close() only aborts
// its fetches, with no DELETE, so every session is left behind and past the per-client cap each
// new one must displace an idle one. The server runs with its default session caps (rate limits
// off, as everywhere in the bench: they pace a client, which is not what this measures).
import { readFileSync } from 'node:fs';
import { Client } from 'mcp-sdk-pinned-by-n8n/client/index.js';
import { StreamableHTTPClientTransport } from 'mcp-sdk-pinned-by-n8n/client/streamableHttp.js';
import { connectInspector, inspectorUrlIn } from '../support/inspector-client.mjs';
import { processCpuMs } from '../support/machine.mjs';
import { sendRequest } from '../support/raw-http.mjs';
import { sampleServerMemory } from '../support/server-memory.mjs';
import { DEFAULT_SESSION_CAPS, startOurHttpServer } from '../support/server-processes.mjs';
import { round } from '../support/statistics.mjs';
import { latencyTools } from './tool-call-latency.mjs';

/** `node.type` of n8n's MCP Client Tool, which it sends as `clientInfo.name`. */
const N8N_CLIENT_INFO = { name: '@n8n/n8n-nodes-langchain.mcpClientTool', version: '1.4' };
/** As in the memory section: sampled once the last sessions' MCP servers are released. */
const SETTLE_MS = 4_000;
/** From the bench's own manifest: the SDK's exports do not include its package.json. */
const N8N_SDK_VERSION = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
)
  .devDependencies['mcp-sdk-pinned-by-n8n'].split('@')
  .pop();
/** The first errors are kept in the results, to say what a refusal was. */
const ERRORS_KEPT = 5;

/** `{ reason: value }` of a counter with one label, from the Prometheus text of /metrics. */
export function counterByLabel(metricsText, name, label) {
  const counts = {};
  const pattern = new RegExp(`^${name}\\{${label}="([^"]*)"\\} (\\S+)$`, 'gm');
  for (const [, value, count] of metricsText.matchAll(pattern)) counts[value] = Number(count);
  return counts;
}

const sum = (counts) => Object.values(counts).reduce((total, count) => total + count, 0);

function startSegment(pid) {
  return { pid, at: performance.now(), serverCpuMs: processCpuMs(pid), client: process.cpuUsage() };
}

function endSegment(segment, spent) {
  spent.ms += performance.now() - segment.at;
  spent.serverCpuMs += processCpuMs(segment.pid) - segment.serverCpuMs;
  const client = process.cpuUsage(segment.client);
  spent.clientCpuMs += (client.user + client.system) / 1000;
}

async function oneCycle(mcpUrl, tool) {
  const client = new Client(N8N_CLIENT_INFO, { capabilities: {} });
  try {
    await client.connect(new StreamableHTTPClientTransport(mcpUrl));
    await client.listTools();
    const result = await client.callTool({ name: tool.tool, arguments: tool.args });
    if (result.isError) throw new Error(`${tool.tool} failed: ${JSON.stringify(result.content)}`);
  } finally {
    await client.close();
  }
}

export async function measureSessionChurn({ sandbox, settings, log }) {
  const server = await startOurHttpServer(sandbox, {
    args: ['--ws-port', 'off'],
    nodeOptions: ['--inspect=127.0.0.1:0'],
    env: DEFAULT_SESSION_CAPS,
  });
  let inspector;
  try {
    const inspectorUrl = inspectorUrlIn(server.stderr());
    inspector = inspectorUrl ? await connectInspector(inspectorUrl) : undefined;
    const mcpUrl = new URL('/mcp', server.baseUrl);
    const getSecret = latencyTools(sandbox).find((tool) => tool.tool === 'get-secret');
    const metrics = async () => {
      const response = await sendRequest(new URL('/metrics', server.baseUrl), {});
      if (response.status !== 200) throw new Error(`/metrics: HTTP ${response.status}`);
      return {
        evictions: counterByLabel(response.body, 'mcp_sessions_evicted_total', 'reason'),
        limitRefusals: counterByLabel(response.body, 'mcp_limit_refusals_total', 'reason'),
      };
    };

    const cycles = settings.churnCycles;
    const checkpoints = new Set([Math.round(cycles / 10), Math.round(cycles / 2), cycles]);
    const points = [];
    const errors = [];
    let errorCount = 0;
    // Time and CPU are counted while cycling only, not while the server's memory is read.
    const spent = { ms: 0, serverCpuMs: 0, clientCpuMs: 0 };
    let segment = startSegment(server.pid);
    for (let cycle = 1; cycle <= cycles; cycle++) {
      try {
        await oneCycle(mcpUrl, getSecret);
      } catch (error) {
        errorCount++;
        if (errors.length < ERRORS_KEPT) {
          errors.push({ cycle, message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (!checkpoints.has(cycle)) continue;
      endSegment(segment, spent);
      const memory = await sampleServerMemory({ pid: server.pid, inspector, settleMs: SETTLE_MS });
      const counted = await metrics();
      points.push({
        cycles: cycle,
        errors: errorCount,
        evictions: sum(counted.evictions),
        ...memory,
        rssMiB: round(memory.rssBytes / 2 ** 20, 1),
      });
      log(`  churn: ${cycle} cycles, ${errorCount} errors, ${sum(counted.evictions)} evictions`);
      segment = startSegment(server.pid);
    }
    const counted = await metrics();
    return {
      cycles,
      client: `${N8N_CLIENT_INFO.name} ${N8N_CLIENT_INFO.version}, @modelcontextprotocol/sdk ${N8N_SDK_VERSION}`,
      settleMs: SETTLE_MS,
      msPerCycle: round(spent.ms / cycles, 2),
      serverCpuMsPerCycle: round(spent.serverCpuMs / cycles, 2),
      clientCpuMsPerCycle: round(spent.clientCpuMs / cycles, 2),
      garbageCollectedBeforeSampling: inspector !== undefined,
      errors: errorCount,
      firstErrors: errors,
      evictions: counted.evictions,
      limitRefusals: counted.limitRefusals,
      points,
    };
  } finally {
    inspector?.close();
    await server.stop();
  }
}
