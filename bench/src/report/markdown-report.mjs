// Markdown for the console and the README, generated from the results JSON only: nothing here
// knows a number in advance.
import { BYTES_PER_KB, BYTES_PER_MB, churnGrowth, verdict } from '../targets.mjs';

const fixed = (value, digits = 2) =>
  value === undefined || value === null || Number.isNaN(value)
    ? '–'
    : Number(value).toFixed(digits);
const thousands = (value) => Number(value).toLocaleString('en-US');
const seconds = (ms) => (ms === undefined ? '–' : `${Number((ms / 1000).toFixed(1))} s`);

/** The tools the latency section times, in the order its sentences name them. */
const TIMED_TOOLS = ['get-secret', 'list-secrets'];

/** A markdown table with its columns padded, so the raw README reads as a table too. */
function table(header, alignments, rows) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, column) => Math.max(3, ...cells.map((row) => row[column].length)));
  // Headers stay left-aligned in their cells; right-aligned columns pad their values' starts.
  const padCell = (text, column) =>
    alignments[column] === 'right' ? text.padStart(widths[column]) : text.padEnd(widths[column]);
  const padHeader = (text, column) => text.padEnd(widths[column]);
  const separator = widths.map((width, column) =>
    alignments[column] === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
  );
  const line = (row) => `| ${row.join(' | ')} |`;
  return [
    line(cells[0].map(padHeader)),
    line(separator),
    ...cells.slice(1).map((row) => line(row.map(padCell))),
  ].join('\n');
}

function failed(section) {
  return !section || section.error;
}

export function renderMachineLine(results) {
  const { machine } = results;
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ${results.generatedAt.slice(0, 10)}; the whole run took ${Math.round(results.durationSeconds)} s`;
}

export function renderTargetsTable(results) {
  return table(
    ['target', 'measured', 'result'],
    ['left', 'left', 'left'],
    results.targets.map((row) => [row.target, row.measured, verdict(row.met)]),
  );
}

export function renderColdStartTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  return table(
    ['server', 'tools', 'median ms', 'min ms', 'max ms'],
    ['left', 'right', 'right', 'right', 'right'],
    section.rows.map((row) => [
      row.label,
      row.tools,
      fixed(row.medianMs, 1),
      fixed(row.minMs, 1),
      fixed(row.maxMs, 1),
    ]),
  );
}

export function renderLatencyTable(section, latencyMs) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  const rows = section.rows.filter((row) => row.latencyMs === latencyMs);
  const contenders = [...new Map(rows.map((row) => [row.id, row.label])).entries()];
  const cell = (id, tool) => rows.find((row) => row.id === id && row.tool === tool);
  return table(
    [
      'transport',
      'get-secret p50 ms',
      'p99 ms',
      'overhead p50 ms',
      'list-secrets p50 ms',
      'p99 ms',
      'overhead p50 ms',
    ],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    contenders.map(([id, label]) => {
      const get = cell(id, 'get-secret');
      const list = cell(id, 'list-secrets');
      const overhead = (row) => (row.id === 'floor' ? '–' : fixed(row.overheadP50Ms));
      return [
        label,
        fixed(get.p50Ms),
        fixed(get.p99Ms),
        overhead(get),
        fixed(list.p50Ms),
        fixed(list.p99Ms),
        overhead(list),
      ];
    }),
  );
}

export function renderRequestsTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  const strategies = [...new Map(section.rows.map((row) => [row.id, row.label])).entries()];
  const cell = (id, tool) => section.rows.find((row) => row.id === id && row.tool === tool);
  const routes = (row) =>
    Object.entries(row.byRoute)
      .map(([route, perCall]) => `\`${route}\` ×${perCall}`)
      .join(', ');
  return table(
    ['token strategy', 'get-secret', 'list-secrets', 'start-up + first call', 'requests per call'],
    ['left', 'right', 'right', 'right', 'left'],
    strategies.map(([id, label]) => {
      const get = cell(id, 'get-secret');
      const list = cell(id, 'list-secrets');
      return [
        label,
        get.requestsPerCall,
        list.requestsPerCall,
        get.startupAndFirstCallRequests,
        routes(get),
      ];
    }),
  );
}

/** The concurrency the throughput target is set at; the CPU columns show it. */
const CPU_SESSIONS = 10;

export function renderThroughputTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  const sessionCounts = [...new Set(section.rows.map((row) => row.sessions))];
  const contenders = [...new Map(section.rows.map((row) => [row.id, row.label])).entries()];
  return table(
    [
      'server',
      ...sessionCounts.map((count) => `${count} session${count === 1 ? '' : 's'}, calls/s`),
      ...sessionCounts.map((count) => `p99 ms at ${count}`),
      `serving process CPU per call at ${CPU_SESSIONS}, ms`,
      `its cores busy at ${CPU_SESSIONS}`,
    ],
    [
      'left',
      ...sessionCounts.map(() => 'right'),
      ...sessionCounts.map(() => 'right'),
      'right',
      'right',
    ],
    contenders.map(([id, label]) => {
      const at = (count) => section.rows.find((row) => row.id === id && row.sessions === count);
      return [
        label,
        ...sessionCounts.map((count) => {
          const row = at(count);
          const share = id === 'ceiling' ? '' : ` (${Math.round(row.shareOfCeiling * 100)}%)`;
          const errors = row.errors ? `, ${row.errors} errors` : '';
          return `${thousands(row.callsPerSecond)}${share}${errors}`;
        }),
        ...sessionCounts.map((count) => fixed(at(count).p99Ms, 1)),
        fixed(at(CPU_SESSIONS)?.serverCpuMsPerCall, 3),
        fixed(at(CPU_SESSIONS)?.serverCoresBusy),
      ];
    }),
  );
}

export function renderMemoryTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  return table(
    ['idle sessions', 'RSS MiB', 'RSS per session KB', 'JS heap per session KB'],
    ['right', 'right', 'right', 'right'],
    section.points.map((point) => [
      thousands(point.sessions) +
        (point.sessions === point.requested ? '' : ` (of ${thousands(point.requested)})`),
      fixed(point.rssMiB, 1),
      point.sessions ? fixed(point.rssBytesPerSession / BYTES_PER_KB, 1) : '–',
      point.sessions && point.heapBytesPerSession !== undefined
        ? fixed(point.heapBytesPerSession / BYTES_PER_KB, 1)
        : '–',
    ]),
  );
}

export function renderChurnTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  return table(
    ['cycles', 'refused or failed', 'sessions evicted', 'RSS MB', 'JS heap MB'],
    ['right', 'right', 'right', 'right', 'right'],
    section.points.map((point) => [
      thousands(point.cycles),
      thousands(point.errors),
      thousands(point.evictions),
      fixed(point.rssBytes / BYTES_PER_MB, 1),
      point.heapUsedBytes === undefined ? '–' : fixed(point.heapUsedBytes / BYTES_PER_MB, 1),
    ]),
  );
}

export function renderFootprintTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  return table(
    ['package', 'tarball KB', 'installed MB', 'on disk MB', 'dependencies', 'share of official'],
    ['left', 'right', 'right', 'right', 'right', 'right'],
    section.rows.map((row) =>
      row.error
        ? [row.package, '–', `not measured: ${row.error}`, '–', '–', '–']
        : [
            row.package,
            row.tarballBytes === undefined ? '–' : fixed(row.tarballBytes / 1000, 0),
            fixed(row.installedMB),
            fixed(row.diskMB),
            row.dependencies,
            row.id === 'official' ? '–' : fixed(row.shareOfOfficial, 3),
          ],
    ),
  );
}

export function renderContextCostTable(section) {
  if (failed(section)) return `Not measured: ${section?.error}`;
  const count = (value) => (value === undefined ? '–' : thousands(value));
  return table(
    [
      'server',
      'tools',
      'model-visible tokens',
      'tools/list answer tokens',
      'instructions tokens',
      'share of official',
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
    section.rows.map((row) =>
      row.error
        ? [row.label, '–', `not measured: ${row.error}`, '–', '–', '–']
        : [
            row.label,
            row.tools,
            count(row.modelVisibleTokens),
            count(row.answerTokens),
            count(row.instructionsTokens),
            row.shareOfOfficial === undefined ? '–' : fixed(row.shareOfOfficial),
          ],
    ),
  );
}

/**
 * The "Context cost" subsection: what the numbers count, what the default serves and why, and
 * the table. `measuredOn` says when a run of the context section alone produced it.
 */
export function renderContextCostSection(section, { measuredOn } = {}) {
  const counted = `What each catalogue costs the model on every turn, in ${section?.tokenizer ?? 'o200k'} tokens: model-visible is each tool's name, description and input schema as compact JSON, as hosts pass them to the model; the answer is the whole \`tools/list\` JSON-RPC answer, output schemas and annotations included; instructions are the server's \`instructions\` from \`initialize\`, which some hosts add to the system prompt.`;
  const modes =
    'By default the server lists its core set, since every listed tool goes to the model on every turn and clients cap the tools across all their servers (Cursor at 40): the official server’s ten tools, so an agent written for it finds them all, and the reads an agent needs to find its way, each of which also shows that its toolset exists. `--toolsets all` lists every tool; `--dynamic-toolsets` starts with five reads plus `list-toolsets` and `enable-toolset`, and adds a toolset when the agent asks for it.';
  const when = measuredOn
    ? `\n\nMeasured alone (\`${CONTEXT_COMMAND}\`) on ${measuredOn}; a count of tokens, the same on any machine.`
    : '';
  return `### Context cost\n\n${counted}\n\n${modes}${when}\n\n${renderContextCostTable(section)}`;
}

/** Measures the context cost alone and rewrites its numbers in the README. */
export const CONTEXT_COMMAND = 'pnpm --filter @infisical/mcp-bench bench:context --readme';

/**
 * One sentence per missed target: the numbers behind it and, where the cause follows from how
 * the bench is built rather than from this run, that cause.
 */
export function explainMissedTargets(results) {
  const { sections } = results;
  const reasons = [];
  const missed = (prefix) =>
    results.targets.filter((row) => row.met === false && row.target.startsWith(prefix));

  if (missed('cold start').length) {
    const median = (id) => sections.coldStart.rows.find((row) => row.id === id).medianMs;
    reasons.push(
      `Cold start: ours took ${fixed(median('ours'), 1)} ms, the official server ${fixed(median('official'), 1)} ms and bare Node ${fixed(median('bare'), 1)} ms in this run.`,
    );
  }
  const overheadMisses = missed('tool-call overhead');
  if (overheadMisses.length) {
    const atZero = (id, tool) =>
      sections.latency.rows.find(
        (row) => row.id === id && row.latencyMs === 0 && row.tool === tool,
      );
    const floor = (tool) => atZero('floor', tool);
    /** p50 of `id` minus p50 of `baselineId`, per timed tool; undefined if either is missing. */
    const p50Gaps = (id, baselineId) => {
      const gaps = TIMED_TOOLS.map((tool) => {
        const row = atZero(id, tool);
        const base = atZero(baselineId, tool);
        return row && base ? row.p50Ms - base.p50Ms : undefined;
      });
      return gaps.every((gap) => gap !== undefined) ? gaps : undefined;
    };
    const transports = overheadMisses.map((row) => row.target.split(': ').pop());
    let reason = `Tool-call overhead at 0 ms: missed on ${transports.join(', ')}. The floor is one REST read sent by the bench itself (p50 ${fixed(floor('get-secret').p50Ms)} ms for get-secret, ${fixed(floor('list-secrets').p50Ms)} ms for list-secrets with ${results.settings.seededSecrets} secrets); a tool call adds a second process on the way (client → server → sandbox and back) and the MCP encoding of the result, with three processes sharing the ${results.machine.cores} cores.`;
    const targetRows = sections.latency.rows.filter((row) => row.latencyMs === 0 && row.target);
    const relayGaps = p50Gaps('relay', 'floor');
    const beyondRelay = p50Gaps('stdio', 'relay');
    if (relayGaps && beyondRelay) {
      reason += ` The bare stdio relay, a Node process with no MCP that reads the request line, sends the same REST read, parses the body and writes an answer of the same size, already adds ${fixed(relayGaps[0])} ms (get-secret) and ${fixed(relayGaps[1])} ms (list-secrets): that is the second process and the answer's size, which any server in front of Infisical pays. Beyond the relay, our stdio server adds ${fixed(beyondRelay[0])} and ${fixed(beyondRelay[1])} ms: MCP's request handling, argument validation, the value policy and the audit trail.`;
    }
    /** `: 0.40 ms (get-secret) and 0.30 ms (list-secrets) more than …`, from this run's p50s. */
    const extraOver = (id, baselineId, baseline) => {
      const gaps = p50Gaps(id, baselineId);
      if (!gaps) return '';
      const parts = gaps.map((gap, index) => `${fixed(gap)} ms (${TIMED_TOOLS[index]})`);
      return `: ${parts.join(' and ')} more than ${baseline} in this run`;
    };
    const leanest = targetRows.reduce((best, row) =>
      row.overheadP50Ms < best.overheadP50Ms ? row : best,
    );
    reason += ` The least overhead was ${fixed(leanest.overheadP50Ms)} ms (${leanest.label}, ${leanest.tool}): the same server and tools, so what a transport adds beyond it is that transport's own work per call.`;
    const listRow = targetRows.find((row) => row.tool === 'list-secrets');
    const listFloor = floor('list-secrets');
    if (listRow?.answerBytes && listFloor?.answerBytes) {
      const leanestList = targetRows
        .filter((row) => row.tool === 'list-secrets')
        .reduce((best, row) => (row.overheadP50Ms < best.overheadP50Ms ? row : best));
      reason += ` list-secrets costs more on every transport (least ${fixed(leanestList.overheadP50Ms)} ms, ${leanestList.label}) because its answer is large: the server reads and parses a ${fixed(listFloor.answerBytes / BYTES_PER_KB, 1)} KB REST body and serializes and sends a ${fixed(listRow.answerBytes / BYTES_PER_KB, 1)} KB tool result (the structured result and the same JSON as text, as the MCP spec recommends), which the client parses again, where the floor only reads and parses the REST body.`;
    }
    if (overheadMisses.some((row) => row.target.endsWith('(plain JSON-RPC)'))) {
      reason += ` A plain JSON-RPC POST builds an MCP server of its own and closes it after the answer, so nothing carries over from one request to the next, and is an HTTP request of its own (parsed by Node, through fastify's request lifecycle, answered with a response of its own) where a WebSocket frame arrives on an open connection${extraOver('streamable-http-json', 'websocket', 'a WebSocket frame')}.`;
    }
    if (overheadMisses.some((row) => row.target.endsWith('Streamable HTTP (session)'))) {
      reason += ` A Streamable HTTP session's POST reads the session's record and is answered by the MCP server held for the session, or by one built from the record when the session has been idle past its release; its answer is JSON, as a plain JSON-RPC POST's${extraOver('streamable-http-session', 'websocket', 'a WebSocket frame')}.`;
    }
    reasons.push(reason);
  }
  if (missed('exactly one').length) {
    const cached = sections.requests.rows.filter((row) => row.id === 'cached');
    reasons.push(
      `Infisical requests: the cached strategy made ${cached.map((row) => `${row.requestsPerCall} per ${row.tool} call (${Object.keys(row.byRoute).join(', ')})`).join(' and ')}.`,
    );
  }
  const throughputMisses = missed('throughput');
  if (throughputMisses.length) {
    const atTen = (id) =>
      sections.throughput.rows.find((row) => row.id === id && row.sessions === 10);
    const ceiling = atTen('ceiling');
    const sandboxAlone = atTen('sandbox-rest');
    const ours = ['streamable-http', 'websocket'].map(atTen).filter(Boolean);
    const shares = throughputMisses
      .map((row) => `${row.target.split(': ').pop()} reached ${row.measured.split('= ').pop()}`)
      .join(', ');
    let reason = `Throughput at 10 sessions: ${shares} of the ceiling. The ceiling sends a constant body; each call of ours is an MCP request plus an HTTP request to the sandbox and its answer.`;
    const relay = atTen('relay');
    if (relay) {
      reason += ` A bare fastify route that makes that same REST read per call and answers the same JSON, with no MCP, reached ${Math.round(relay.shareOfCeiling * 100)}% of the ceiling (${thousands(relay.callsPerSecond)} calls/s): ${relay.shareOfCeiling < 0.6 ? 'no server that reads from Infisical per call reaches the 60% target on these cores' : 'the read alone does not keep a server from the target'}; ours reached ${ours.map((row) => `${Math.round((row.callsPerSecond / relay.callsPerSecond) * 100)}% of that route over ${row.label.replace(/^ours, /, '')}`).join(' and ')}.`;
    }
    if (ours.every((row) => row.serverCpuMsPerCall !== undefined) && ceiling.serverCpuMsPerCall) {
      reason += ` Our server process used ${ours.map((row) => `${fixed(row.serverCpuMsPerCall)} ms of CPU per call over ${row.label.replace(/^ours, /, '')} (${fixed(row.serverCoresBusy)} cores busy)`).join(' and ')}, the ceiling ${fixed(ceiling.serverCpuMsPerCall, 3)} ms.`;
      if (ours.some((row) => row.serverCoresBusy >= 0.9)) {
        reason += ` A server process near one core busy is saturated: Node runs its JavaScript on one thread.`;
      }
    }
    if (sandboxAlone?.serverCpuMsPerCall && ceiling.serverCpuMsPerCall) {
      const atTarget = 0.6 * ceiling.callsPerSecond;
      reason += ` Serving one REST read cost the sandbox ${fixed(sandboxAlone.serverCpuMsPerCall, 3)} ms of CPU, ${fixed(sandboxAlone.serverCpuMsPerCall / ceiling.serverCpuMsPerCall, 1)}× what a call costs the ceiling's server, and every call of ours needs one: at 60% of the ceiling (${thousands(Math.round(atTarget))} calls/s) the sandbox alone would keep ${fixed((atTarget * sandboxAlone.serverCpuMsPerCall) / 1000)} of the ${results.machine.cores} cores busy, before our server, which receives the call and sends that read, did any work.`;
    }
    const slowestOurs = Math.max(...ours.map((row) => row.callsPerSecond));
    if (sandboxAlone && sandboxAlone.callsPerSecond > 2 * slowestOurs) {
      reason += ` The sandbox is not the limit: alone it answers ${thousands(sandboxAlone.callsPerSecond)} REST reads/s at 10 concurrent clients.`;
    }
    reasons.push(reason);
  }
  const sessionReasons = explainMissedSessionTargets(results, missed);
  reasons.push(...sessionReasons);
  const footprintMisses = missed('installed footprint');
  if (footprintMisses.length) {
    reasons.push(
      `Install footprint: ${footprintMisses.map((row) => `${row.target.split(': ').pop()}: ${row.measured}`).join('; ')}.`,
    );
  }
  return reasons;
}

/**
 * Issue 18's targets: a Streamable HTTP session measured against the bare relay and the
 * WebSocket path of the same run, an idle session's memory, and churn past the session cap.
 */
function explainMissedSessionTargets(results, missed) {
  const { sections } = results;
  const reasons = [];
  const atTen = (id) =>
    sections.throughput?.rows?.find((row) => row.id === id && row.sessions === 10);
  /** The transport-cost row (server CPU per message, p50 round trip) of `id` at `sessions`. */
  const transportCost = (id, sessions = 10) =>
    sections.throughput?.transportCost?.rows?.find(
      (row) => row.id === id && (row.sessions ?? 10) === sessions,
    );
  if (missed('Streamable HTTP session throughput').length) {
    const session = atTen('streamable-http');
    const relay = atTen('relay');
    const websocket = atTen('websocket');
    let reason = `Streamable HTTP session throughput at 10 sessions: ${thousands(session.callsPerSecond)} calls/s${session.errors ? ` with ${thousands(session.errors)} errors` : ''}, ${Math.round((session.callsPerSecond / relay.callsPerSecond) * 100)}% of the bare fastify relay's ${thousands(relay.callsPerSecond)}`;
    if (websocket) {
      reason += `; WebSocket reached ${Math.round((websocket.callsPerSecond / relay.callsPerSecond) * 100)}% (${thousands(websocket.callsPerSecond)} calls/s) in the same run`;
    }
    if (session.serverCoresBusy !== undefined) {
      reason += `, with our server process at ${fixed(session.serverCoresBusy)} cores busy over Streamable HTTP${session.serverCoresBusy >= 0.9 ? ' (saturated: Node runs its JavaScript on one thread)' : ''}`;
    }
    reason += '.';
    if (session.serverCoresBusy >= 0.9 && session.serverCpuMsPerCall) {
      reason += ` ${explainCpuBudget(session, relay, websocket, transportCost)}`;
    }
    reasons.push(reason);
  }
  if (missed('server CPU per call').length) {
    reasons.push(explainSessionCpu(atTen, transportCost));
  }
  if (missed('get-secret overhead over the floor, Streamable HTTP session').length) {
    const getSecret = (id) =>
      sections.latency.rows.find(
        (row) => row.id === id && row.latencyMs === 0 && row.tool === 'get-secret',
      );
    const session = getSecret('streamable-http-session');
    const websocket = getSecret('websocket');
    const plain = getSecret('streamable-http-json');
    let reason = `get-secret overhead on a Streamable HTTP session: ${fixed(session.overheadP50Ms)} ms p50 over the floor, ${fixed(session.overheadP50Ms - websocket.overheadP50Ms)} ms more than WebSocket's ${fixed(websocket.overheadP50Ms)} ms${plain ? `; a plain JSON-RPC POST, one HTTP request with no session, took ${fixed(plain.overheadP50Ms)} ms` : ''}.`;
    const [sessionPing, websocketPing] = ['streamable-http', 'websocket'].map((id) =>
      transportCost(id, 1),
    );
    const ceiling = sections.throughput?.rows?.find(
      (row) => row.id === 'ceiling' && row.sessions === 1,
    );
    if (sessionPing?.p50Ms !== undefined && websocketPing?.p50Ms !== undefined) {
      reason += ` At 1 session a ping's round trip took p50 ${fixed(sessionPing.p50Ms)} ms over a Streamable HTTP session and ${fixed(websocketPing.p50Ms)} ms over WebSocket (${difference(sessionPing.p50Ms - websocketPing.p50Ms, 2)})`;
      reason += ceiling?.p50Ms
        ? `; the bare fastify route's round trip (one POST, no MCP) took ${fixed(ceiling.p50Ms)} ms, ${difference(ceiling.p50Ms - websocketPing.p50Ms, 2)} than our whole ping over WebSocket.`
        : '.';
    }
    reasons.push(reason);
  }
  if (missed('session and Streamable HTTP code').length) {
    reasons.push(explainSessionCode(sections.sessionCode));
  }
  if (missed('at most 2 KB').length) {
    const largest = sections.memory.points.at(-1);
    const heap =
      largest.heapBytesPerSession === undefined
        ? ''
        : `, of which ${fixed(largest.heapBytesPerSession / BYTES_PER_KB, 2)} KB is JavaScript heap still reachable after garbage collection`;
    reasons.push(
      `Memory: at ${thousands(largest.sessions)} idle sessions, read ${seconds(sections.memory.settleMs)} after the last one opened (when every session's MCP server had been released), each costs ${fixed(largest.rssBytesPerSession / BYTES_PER_KB, 2)} KB of RSS${heap}: what an idle session keeps, its record in the session store and its entry in the session caps.`,
    );
  }
  if (missed('session churn').length) {
    const churn = sections.churn;
    const { first, last, growthBytes, allowedBytes } = churnGrowth(churn);
    const parts = [];
    if (churn.errors > 0) {
      const refusals = Object.entries(churn.limitRefusals ?? {})
        .map(([reason, count]) => `${reason} ${thousands(count)}`)
        .join(', ');
      parts.push(
        `${thousands(churn.errors)} of ${thousands(churn.cycles)} cycles failed${refusals ? ` (the server counted refusals: ${refusals})` : ''}, the first with “${churn.firstErrors[0]?.message ?? '?'}”`,
      );
    }
    if (growthBytes > allowedBytes) {
      parts.push(
        `the server's RSS grew by ${fixed(growthBytes / BYTES_PER_MB, 1)} MB from cycle ${thousands(first.cycles)} to ${thousands(last.cycles)} (JS heap ${fixed(((last.heapUsedBytes ?? 0) - (first.heapUsedBytes ?? 0)) / BYTES_PER_MB, 1)} MB), more than the ${fixed(allowedBytes / BYTES_PER_MB, 1)} MB counted as flat, with ${thousands(last.evictions)} sessions evicted at the per-client cap`,
      );
    }
    reasons.push(`Session churn: ${parts.join('; ')}.`);
  }
  return reasons;
}

/**
 * A server saturated on its one JavaScript thread answers as many calls per second as its CPU
 * per call allows: what the target would need each call to cost, against what a get-secret call
 * and a ping (the MCP server's own work, no tool, no Infisical request) cost.
 */
function explainCpuBudget(session, relay, websocket, transportCost) {
  const targetCallsPerSecond = 0.8 * relay.callsPerSecond;
  const budgetMs = (session.serverCoresBusy * 1000) / targetCallsPerSecond;
  let reason = `At that load 80% of the relay (${thousands(Math.round(targetCallsPerSecond))} calls/s) allows ${fixed(budgetMs, 3)} ms of our server's CPU per call; a get-secret call cost ${fixed(session.serverCpuMsPerCall, 3)} ms${websocket?.serverCpuMsPerCall ? ` over a session and ${fixed(websocket.serverCpuMsPerCall, 3)} ms over WebSocket` : ''}`;
  const sessionPing = transportCost('streamable-http')?.serverCpuMsPerCall;
  const websocketPing = transportCost('websocket')?.serverCpuMsPerCall;
  if (sessionPing !== undefined && websocketPing !== undefined) {
    reason += `, and a ping, which the MCP server answers with no tool and no Infisical request, ${fixed(sessionPing, 3)} ms over a session and ${fixed(websocketPing, 3)} ms over WebSocket (${Math.round((sessionPing / budgetMs) * 100)}% and ${Math.round((websocketPing / budgetMs) * 100)}% of that allowance before any tool runs)`;
  }
  reason += '.';
  if (websocket?.serverCpuMsPerCall > budgetMs) {
    reason += ' The call costs more than that allowance on any transport';
    if (websocketPing !== undefined) {
      reason += `: over WebSocket the tool's own work beyond the MCP exchange (its REST read through our Infisical client, argument validation, the redacted audit log line) cost ${fixed(websocket.serverCpuMsPerCall - websocketPing, 3)} ms`;
      if (relay.serverCpuMsPerCall) {
        reason += `, the relay's whole call ${fixed(relay.serverCpuMsPerCall, 3)} ms`;
      }
    }
    reason += '.';
  }
  return reason;
}

/** `0.052 ms more` or `0.010 ms less`. */
const difference = (ms, digits = 3) =>
  `${fixed(Math.abs(ms), digits)} ms ${ms < 0 ? 'less' : 'more'}`;

/**
 * Why a call over a Streamable HTTP session costs our server more CPU than over WebSocket, from
 * the transport-cost rows: a ping on each, and a message each answers before any MCP work.
 */
function explainSessionCpu(atTen, transportCost) {
  const session = atTen('streamable-http');
  const websocket = atTen('websocket');
  const gap = session.serverCpuMsPerCall - websocket.serverCpuMsPerCall;
  let reason = `Server CPU per call at 10 sessions: ${fixed(session.serverCpuMsPerCall, 3)} ms over Streamable HTTP, ${fixed(websocket.serverCpuMsPerCall, 3)} ms over WebSocket (${fixed(session.serverCpuMsPerCall / websocket.serverCpuMsPerCall)}×, ${difference(gap)}).`;
  const cpu = (id) => transportCost(id)?.serverCpuMsPerCall;
  const [sessionPing, websocketPing, ceiling, refusedPost, refusedFrame] = [
    'streamable-http',
    'websocket',
    'ceiling',
    'streamable-http-refused',
    'websocket-refused',
  ].map(cpu);
  if (sessionPing === undefined || websocketPing === undefined) return reason;
  const pingGap = sessionPing - websocketPing;
  reason += ` A ping, which the MCP server answers with no tool and no Infisical request, cost ${fixed(sessionPing, 3)} ms over a Streamable HTTP session and ${fixed(websocketPing, 3)} ms over WebSocket: ${difference(pingGap)} over HTTP, ${Math.round((pingGap / gap) * 100)}% of the gap per call.`;
  const allowance = 0.2 * websocket.serverCpuMsPerCall;
  if (refusedPost !== undefined && refusedFrame !== undefined) {
    const handlingGap = refusedPost - refusedFrame;
    reason += ` Answered before any MCP work, a POST (a ping naming an unknown session, refused with 404 after the hooks, the body's parsing and JSON-RPC check and the session lookup) cost ${fixed(refusedPost, 3)} ms and a WebSocket frame (not JSON, refused with a parse error) ${fixed(refusedFrame, 3)} ms: the HTTP request's own handling costs ${difference(handlingGap)} than a frame's, ${Math.round((handlingGap / pingGap) * 100)}% of the ping gap; the other ${fixed(pingGap - handlingGap, 3)} ms comes with answering after the MCP server's work, which a CPU profile (docs/design-notes.md) puts in the answer written as an HTTP response rather than a frame and in the garbage and runtime work of the request's lifecycle; the MCP dispatch costs about the same on both paths.`;
    if (ceiling !== undefined) {
      reason += ` The bare fastify route, no hooks and no MCP, answered a POST for ${fixed(ceiling, 3)} ms, the floor of any HTTP request here.`;
    }
    reason += ` Meeting 1.2× allows ${fixed(1.2 * websocket.serverCpuMsPerCall, 3)} ms per call over Streamable HTTP, ${fixed(allowance, 3)} ms more than over WebSocket; the HTTP handling alone costs ${fixed(handlingGap, 3)} ms more than a frame, ${handlingGap > allowance ? 'more than that whole allowance' : `${Math.round((handlingGap / allowance) * 100)}% of it`}.`;
  } else if (ceiling !== undefined) {
    reason += ` The bare fastify route, no hooks and no MCP, answered a POST for ${fixed(ceiling, 3)} ms, the floor of any HTTP request here.`;
  }
  return `${reason} The CPU profile behind this split is in docs/design-notes.md.`;
}

/**
 * Why the session code misses its target: what the old design ran of the SDK's transport and
 * ours no longer does, and what each responsibility of ours takes now.
 */
function explainSessionCode(code) {
  const name = (path) =>
    path
      .split('/')
      .at(-1)
      .replace(/\.[cm]?[jt]s$/, '');
  const sdk = code.sdkTransport;
  const stillImported = sdk.importedBy.length > 0;
  const before = code.linesAtIssue + sdk.lines;
  const after = code.lines + (stillImported ? sdk.lines : 0);
  const change = `${thousands(Math.abs(before - after))} ${after <= before ? 'fewer' : 'more'}`;
  const sdkNow = stillImported
    ? `the SDK's transport still imported by ${sdk.importedBy.join(', ')}`
    : `none of the SDK's (no source in packages/ or apps/ imports it)`;
  const byResponsibility = code.responsibilities
    .map(
      (group) =>
        `${group.responsibility} ${thousands(group.lines)} (${group.files.map(name).join(', ')})`,
    )
    .join('; ');
  return `Session and Streamable HTTP code: ${thousands(code.lines)} lines against ${thousands(code.linesAtIssue)} when the issue was filed (target ${thousands(Math.floor(code.linesAtIssue / 2))}). Those ${thousands(code.linesAtIssue)} wrapped the SDK's Streamable HTTP transport (${sdk.package} ${sdk.version}: ${sdk.files.map((file) => `${name(file.file)} ${thousands(file.lines)}`).join(', ')}), which served every session, and the record design wrote that work into ours. Before: ${thousands(code.linesAtIssue)} of ours + ${thousands(sdk.lines)} of the SDK's transport serving a session, ${thousands(before)} in all; now: ${thousands(code.lines)} of ours and ${sdkNow}, ${thousands(after)} in all, ${change}. Ours by responsibility: ${byResponsibility}.`;
}

/** Above this share of the CPU taken by other processes, a section's numbers are flagged. */
const OTHER_LOAD_WARNING = 0.1;

/** The sections whose numbers are times: memory, request counts and sizes do not depend on load. */
const TIMED_SECTIONS = {
  coldStart: 'cold start',
  latency: 'latency',
  throughput: 'throughput',
};

/** How much of the CPU other processes took while measuring: the numbers are only as clean. */
function renderOtherLoad(results) {
  const perSection = Object.entries(TIMED_SECTIONS)
    .map(([key, title]) => [title, results.sections[key]?.otherProcessesCpuShare])
    .filter(([, share]) => share !== undefined);
  if (results.otherProcessesCpuShare === undefined) {
    return 'The load from other processes could not be read on this platform.';
  }
  const percent = (share) => `${Math.round(share * 100)}%`;
  const busy = perSection.filter(([, share]) => share > OTHER_LOAD_WARNING);
  const detail = perSection.map(([title, share]) => `${title} ${percent(share)}`).join(', ');
  const text = `Other processes used ${percent(results.otherProcessesCpuShare)} of the CPU during the run (while timing ${detail}).`;
  return busy.length === 0
    ? text
    : `**${text} The ${busy.map(([title]) => title).join(', ')} numbers are worse than on a quiet machine.**`;
}

/** Everything the run measured, as markdown. `chartPath` adds the chart for the README. */
export function renderReport(results, { chartPath, command } = {}) {
  const { sections } = results;
  const parts = [];
  parts.push(`Measured on ${renderMachineLine(results)}.`);
  parts.push(renderOtherLoad(results));
  if (chartPath) parts.push(`![Benchmark chart](${chartPath})`);
  parts.push(`### Targets\n\n${renderTargetsTable(results)}`);
  const reasons = explainMissedTargets(results);
  if (reasons.length) {
    parts.push(`Missed targets, and why:\n\n${reasons.map((reason) => `- ${reason}`).join('\n')}`);
  }
  parts.push(renderContextCostSection(sections.contextCost));
  parts.push(
    `### Cold start\n\nSpawn to the answer to \`tools/list\` over stdio, median of ${sections.coldStart?.runs ?? '–'} runs interleaved with the other two servers.\n\n${renderColdStartTable(sections.coldStart)}`,
  );
  for (const latencyMs of results.settings.sandboxLatenciesMs) {
    const calls =
      latencyMs === 0 ? sections.latency?.callsAtZeroMs : sections.latency?.callsAtTwentyMs;
    parts.push(
      `### Tool-call latency, sandbox latency ${latencyMs} ms\n\n${calls ?? '–'} sequential calls per row after warm-up${sections.latency?.rounds ? `, in ${sections.latency.rounds} rounds that take turns between the rows, so whatever else the machine does weighs on every row alike` : ''}; list-secrets reads ${results.settings.seededSecrets} secrets. Overhead = ours − the direct REST floor. The first rows use a raw client on each transport (raw HTTP, WebSocket frames, stdio lines from the bench process), as light as the floor's own REST client: the overhead target applies to them. The rows marked “official SDK client” make the same calls through the official MCP SDK client, as agents do (without listing tools first, so it validates no output schema); the difference is that client's own work.\n\n${renderLatencyTable(sections.latency, latencyMs)}`,
    );
  }
  parts.push(
    `### Infisical requests per tool call\n\nCounted by the sandbox over ${sections.requests?.callsPerTool ?? '–'} calls per tool after the first; the official server uses the deprecated v3 routes through \`@infisical/sdk\`.\n\n${renderRequestsTable(sections.requests)}`,
  );
  parts.push(
    `### Throughput\n\nget-secret calls per second, each session calling again as soon as it is answered (raw HTTP and WebSocket frames from the bench process, no SDK client), ${seconds(sections.throughput?.measureMs)} per cell after ${seconds(sections.throughput?.warmupMs)} of warm-up and once every session has had its first answer, sandbox latency 0 ms; in brackets the share of the ceiling.\n\n${renderThroughputTable(sections.throughput)}`,
  );
  parts.push(
    `### Memory of idle sessions\n\nRSS of the HTTP server after garbage collection, holding Streamable HTTP sessions opened by raw \`initialize\` POSTs (and their \`notifications/initialized\`) and left alone; read ${seconds(sections.memory?.settleMs)} after the last one opened, when every session's MCP server has been released (2 s after its last request) and each idle session is its record in the session store; 1 KB = 1000 bytes.\n\n${renderMemoryTable(sections.memory)}`,
  );
  parts.push(
    `### Session churn\n\n${sections.churn?.cycles === undefined ? '–' : thousands(sections.churn.cycles)} cycles from one client, each: connect, \`tools/list\`, \`tools/call\` (get-secret), close, as n8n's MCP Client Tool runs once per workflow execution, with its client (${sections.churn?.client ?? 'the official SDK client'}): it opens a GET stream after \`initialize\` and closes without a DELETE, so every session stays open on the server. The server runs with its default session caps (rate limits off); past the per-client cap each new session evicts the least recently used idle one. RSS read after garbage collection, ${seconds(sections.churn?.settleMs)} after the last cycle of each row. A cycle took ${fixed(sections.churn?.msPerCycle, 1)} ms: ${fixed(sections.churn?.serverCpuMsPerCycle, 1)} ms of our server's CPU and ${fixed(sections.churn?.clientCpuMsPerCycle, 1)} ms of the client's (the bench process).\n\n${renderChurnTable(sections.churn)}`,
  );
  parts.push(
    `### Install footprint\n\nPacked with \`pnpm pack\`, installed from the tarball with \`${sections.footprint?.installer ?? 'npm install'}\` into an empty folder; the official package installed the same way from the registry.\n\n${renderFootprintTable(sections.footprint)}`,
  );
  if (command) parts.push(`Produced by \`${command}\`.`);
  return `${parts.join('\n\n')}\n`;
}
