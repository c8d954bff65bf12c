// The issue's targets, each judged from the measured numbers only. `met` is true, false, or
// null when the section failed and there is nothing to judge.

/** Bytes per KB as the memory target counts them: the stricter decimal kilobyte. */
export const BYTES_PER_KB = 1000;

const TARGET_TEXT = {
  coldStart: 'cold start at most half the official server’s (same run)',
  overhead: (transport) =>
    `tool-call overhead over the floor < 1 ms p50 at 0 ms latency: ${transport}`,
  requests: 'exactly one Infisical request per read tool call, cached strategy',
  throughput: (transport) =>
    `throughput ≥ 60% of the bare fastify ceiling at 10 sessions: ${transport}`,
  memory: 'under 20 KB per idle HTTP session',
  context: {
    default: 'default catalogue: at most 25 tools and 4,000 model-visible tokens',
    all: 'all toolsets: at most 6,500 model-visible tokens and 12,000 tokens of tools/list answer',
    officialTen: 'the official server’s ten tools: at most 1.2× its tokens',
    dynamic: 'dynamic toolsets: at most 1,000 model-visible tokens at start',
  },
  footprint: (name) => `installed footprint under one third of the official package’s: ${name}`,
};

const fixed = (value, digits = 2) => Number(value).toFixed(digits);

function notMeasured(target, section) {
  return { target, measured: `not measured: ${section?.error ?? 'section skipped'}`, met: null };
}

function coldStartTarget(section) {
  if (!section || section.error) return [notMeasured(TARGET_TEXT.coldStart, section)];
  const median = (id) => section.rows.find((row) => row.id === id).medianMs;
  return [
    {
      target: TARGET_TEXT.coldStart,
      measured: `ours ${median('ours')} ms / official ${median('official')} ms = ${fixed(section.oursOverOfficial)}`,
      met: section.oursOverOfficial <= 0.5,
    },
  ];
}

function overheadTargets(section) {
  if (!section || section.error)
    return [notMeasured(TARGET_TEXT.overhead('all transports'), section)];
  const atZero = section.rows.filter((row) => row.latencyMs === 0 && row.target);
  const transports = [...new Map(atZero.map((row) => [row.id, row.label])).entries()];
  return transports.map(([id, label]) => {
    const rows = atZero.filter((row) => row.id === id);
    return {
      target: TARGET_TEXT.overhead(label),
      measured: rows.map((row) => `${row.tool} ${fixed(row.overheadP50Ms)} ms`).join(', '),
      met: rows.every((row) => row.overheadP50Ms < 1),
    };
  });
}

function requestTargets(section) {
  if (!section || section.error) return [notMeasured(TARGET_TEXT.requests, section)];
  const cached = section.rows.filter((row) => row.id === 'cached');
  return [
    {
      target: TARGET_TEXT.requests,
      measured: cached.map((row) => `${row.tool} ${row.requestsPerCall}`).join(', '),
      met: cached.length > 0 && cached.every((row) => row.requestsPerCall === 1),
    },
  ];
}

function throughputTargets(section) {
  if (!section || section.error) return [notMeasured(TARGET_TEXT.throughput('all'), section)];
  const atTen = section.rows.filter((row) => row.sessions === 10);
  const ceiling = atTen.find((row) => row.id === 'ceiling');
  return atTen
    .filter((row) => row.id === 'streamable-http' || row.id === 'websocket')
    .map((row) => ({
      target: TARGET_TEXT.throughput(row.label.replace(/^ours, /, '')),
      measured: `${row.callsPerSecond} / ${ceiling.callsPerSecond} calls/s = ${Math.round(row.shareOfCeiling * 100)}%`,
      met: row.errors === 0 && row.shareOfCeiling >= 0.6,
    }));
}

function memoryTarget(section) {
  if (!section || section.error) return [notMeasured(TARGET_TEXT.memory, section)];
  const row = (label, points) => {
    const largest = points.at(-1);
    const reachedAll = largest.sessions === largest.requested;
    return {
      target: `${TARGET_TEXT.memory}: ${label}`,
      measured: `${fixed(largest.rssBytesPerSession / BYTES_PER_KB, 1)} KB RSS per session at ${largest.sessions.toLocaleString('en-US')} sessions${reachedAll ? '' : ` (of ${largest.requested.toLocaleString('en-US')} requested)`}`,
      met: largest.rssBytesPerSession < 20 * BYTES_PER_KB,
    };
  };
  return [
    row('idle past --session-hibernate-after', section.points),
    ...(section.heldPoints ? [row('still held in memory', section.heldPoints)] : []),
  ];
}

function footprintTargets(section) {
  if (!section || section.error) return [notMeasured(TARGET_TEXT.footprint('both'), section)];
  const official = section.rows.find((row) => row.id === 'official');
  return section.rows
    .filter((row) => row.id !== 'official')
    .map((row) => {
      const target = TARGET_TEXT.footprint(row.package.replace(/ \(this repo\)$/, ''));
      if (row.error || official.error) {
        return { target, measured: `not measured: ${row.error ?? official.error}`, met: null };
      }
      return {
        target,
        measured: `${fixed(row.installedMB)} MB vs ${fixed(official.installedMB)} MB = ${fixed(row.shareOfOfficial, 3)}`,
        met: row.installedBytes < official.installedBytes / 3,
      };
    });
}

export function contextTargets(section) {
  const text = TARGET_TEXT.context;
  if (!section || section.error) return Object.values(text).map((t) => notMeasured(t, section));
  const row = (id) => section.rows.find((candidate) => candidate.id === id);
  const judge = (target, found, describe, meets) =>
    !found || found.error
      ? notMeasured(target, { error: found?.error ?? 'not listed' })
      : { target, measured: describe(found), met: meets(found) };
  const tokens = (value) => value.toLocaleString('en-US');
  return [
    judge(
      text.default,
      row('default'),
      (r) => `${r.tools} tools, ${tokens(r.modelVisibleTokens)} tokens`,
      (r) => r.tools <= 25 && r.modelVisibleTokens <= 4000,
    ),
    judge(
      text.all,
      row('all'),
      (r) => `${tokens(r.modelVisibleTokens)} model-visible, ${tokens(r.answerTokens)} answer`,
      (r) => r.modelVisibleTokens <= 6500 && r.answerTokens <= 12000,
    ),
    judge(
      text.officialTen,
      row('official-ten'),
      (r) =>
        `${tokens(r.modelVisibleTokens)} / ${tokens(row('official').modelVisibleTokens)} = ${fixed(r.shareOfOfficial)}`,
      (r) => r.shareOfOfficial <= 1.2,
    ),
    judge(
      text.dynamic,
      row('dynamic'),
      (r) => `${r.tools} tools, ${tokens(r.modelVisibleTokens)} tokens`,
      (r) => r.modelVisibleTokens <= 1000,
    ),
  ];
}

export function evaluateTargets(sections) {
  return [
    ...coldStartTarget(sections.coldStart),
    ...overheadTargets(sections.latency),
    ...requestTargets(sections.requests),
    ...throughputTargets(sections.throughput),
    ...memoryTarget(sections.memory),
    ...footprintTargets(sections.footprint),
    ...contextTargets(sections.contextCost),
  ];
}

export function verdict(met) {
  if (met === null) return 'not measured';
  return met ? 'met' : '**NOT met**';
}
