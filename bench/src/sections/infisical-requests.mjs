// Infisical requests per tool call for each token strategy, read from the sandbox's counters:
// ours with the cached token (renewed before expiry), ours with a login per call (the seed's
// FlowMCP approach), and the official server, which logs in once and uses the deprecated v3
// routes through @infisical/sdk.
import { stdioCaller } from '../support/mcp-callers.mjs';
import {
  infisicalEnvironment,
  OFFICIAL_STDIO_BIN,
  OUR_STDIO_BIN,
} from '../support/server-processes.mjs';
import { round } from '../support/statistics.mjs';
import { latencyTools } from './tool-call-latency.mjs';

function strategies(sandbox) {
  return [
    {
      id: 'cached',
      label: 'ours, cached token (renewed before expiry)',
      env: infisicalEnvironment(sandbox, { INFISICAL_TOKEN_STRATEGY: 'cached' }),
      bin: OUR_STDIO_BIN,
    },
    {
      id: 'per-call',
      label: 'ours, per-call login (FlowMCP-style)',
      env: infisicalEnvironment(sandbox, { INFISICAL_TOKEN_STRATEGY: 'per-call' }),
      bin: OUR_STDIO_BIN,
    },
    {
      id: 'official',
      label: 'official @infisical/mcp 0.0.24 (one login, kept)',
      env: infisicalEnvironment(sandbox),
      bin: OFFICIAL_STDIO_BIN,
    },
  ];
}

/**
 * A server may send a request after answering (the per-call strategy revokes its token): wait a
 * moment so it is counted with the call that caused it.
 */
function afterBackgroundRequests() {
  return new Promise((resolve) => setTimeout(resolve, 100));
}

export async function measureInfisicalRequests({ sandbox, settings, log }) {
  const calls = settings.requestCountCalls;
  const tools = latencyTools(sandbox);
  const rows = [];
  await sandbox.setLatency(0);
  for (const strategy of strategies(sandbox)) {
    // Counted from before the spawn: a server that logs in at start-up pays for it here.
    await sandbox.admin.resetStats();
    const caller = await stdioCaller({ bin: strategy.bin, env: strategy.env });
    try {
      await caller.callTool(tools[0].tool, tools[0].args);
      await afterBackgroundRequests();
      const firstCall = await sandbox.admin.stats();
      for (const tool of tools) {
        await sandbox.admin.resetStats();
        for (let i = 0; i < calls; i++) await caller.callTool(tool.tool, tool.args);
        await afterBackgroundRequests();
        const { total, requests } = await sandbox.admin.stats();
        rows.push({
          id: strategy.id,
          label: strategy.label,
          tool: tool.tool,
          calls,
          requestsPerCall: round(total / calls, 2),
          byRoute: Object.fromEntries(
            Object.entries(requests).map(([route, count]) => [route, round(count / calls, 2)]),
          ),
          startupAndFirstCallRequests: firstCall.total,
        });
      }
    } finally {
      await caller.close();
    }
    log(`  requests: ${strategy.label}`);
  }
  return { callsPerTool: calls, rows };
}
