// A hand-written SVG chart of the headline numbers, one horizontal bar panel per section, with
// the target drawn as a dashed line. Generated from the results JSON only.
import { BYTES_PER_KB, BYTES_PER_MB, churnGrowth, IDLE_SESSION_BYTES_TARGET } from '../targets.mjs';

const WIDTH = 820;
const LABEL_RIGHT = 300;
const BAR_LEFT = 310;
const BAR_MAX = 400;
const BAR_HEIGHT = 16;
const BAR_GAP = 6;
const COLORS = {
  ours: '#2563eb',
  oursLight: '#93c5fd',
  official: '#f97316',
  reference: '#9ca3af',
  target: '#dc2626',
};
const LEGEND = [
  ['ours', 'ours'],
  ['official', 'official @infisical/mcp 0.0.24'],
  ['reference', 'floor, ceiling or reference'],
];

const escapeXml = (text) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function formatValue(value, unit) {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

/** One panel: returns its SVG at vertical offset `top` and its height. */
function panel({ title, unit, bars, target }, top) {
  const values = [...bars.map((bar) => bar.value), target?.value ?? 0].filter(Number.isFinite);
  const scale = BAR_MAX / (Math.max(...values, Number.EPSILON) * 1.08);
  const lines = [`<text x="20" y="${top + 16}" class="title">${escapeXml(title)}</text>`];
  let y = top + 30;
  for (const bar of bars) {
    const width = Math.max(1, Math.max(0, bar.value) * scale);
    lines.push(
      `<text x="${LABEL_RIGHT}" y="${y + 12}" class="label" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${BAR_LEFT}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLORS[bar.kind]}" rx="2"/>`,
      `<text x="${(BAR_LEFT + width + 6).toFixed(1)}" y="${y + 12}" class="value">${escapeXml(formatValue(bar.value, unit))}</text>`,
    );
    y += BAR_HEIGHT + BAR_GAP;
  }
  if (target && Number.isFinite(target.value)) {
    const x = (BAR_LEFT + target.value * scale).toFixed(1);
    lines.push(
      `<line x1="${x}" y1="${top + 24}" x2="${x}" y2="${y - BAR_GAP + 4}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<text x="${x}" y="${y + 12}" class="target" text-anchor="middle">${escapeXml(target.label)}</text>`,
    );
    y += 16;
  }
  return { svg: lines.join('\n'), height: y - top + 14 };
}

function panels(results) {
  const { sections } = results;
  const list = [];
  if (sections.coldStart && !sections.coldStart.error) {
    const row = (id) => sections.coldStart.rows.find((r) => r.id === id);
    list.push({
      title: `Cold start over stdio, median of ${sections.coldStart.runs} (lower is better)`,
      unit: 'ms',
      bars: [
        { label: 'bare Node (floor)', value: row('bare').medianMs, kind: 'reference' },
        { label: 'ours (@infisical/mcp)', value: row('ours').medianMs, kind: 'ours' },
        {
          label: 'official @infisical/mcp 0.0.24',
          value: row('official').medianMs,
          kind: 'official',
        },
      ],
      target: { value: row('official').medianMs / 2, label: 'target: ½ official' },
    });
  }
  if (sections.latency && !sections.latency.error) {
    const rows = sections.latency.rows.filter(
      (row) => row.latencyMs === 0 && (row.target || row.id === 'relay'),
    );
    list.push({
      title:
        'Tool-call overhead over the REST floor, p50 at 0 ms sandbox latency (lower is better)',
      unit: 'ms',
      bars: rows.map((row) => ({
        label: `${row.short ?? row.label} · ${row.tool}`,
        value: row.overheadP50Ms,
        kind: row.id === 'relay' ? 'reference' : row.tool === 'get-secret' ? 'ours' : 'oursLight',
      })),
      target: { value: 1, label: 'target: 1 ms' },
    });
  }
  if (sections.throughput && !sections.throughput.error) {
    const rows = sections.throughput.rows.filter((row) => row.sessions === 10);
    const ceiling = rows.find((row) => row.id === 'ceiling');
    list.push({
      title: 'Throughput with 10 sessions, get-secret calls per second (higher is better)',
      unit: '/s',
      bars: rows.map((row) => ({
        label: row.short ?? row.label,
        value: row.callsPerSecond,
        kind: row.id === 'streamable-http' || row.id === 'websocket' ? 'ours' : 'reference',
      })),
      target: { value: ceiling.callsPerSecond * 0.6, label: 'target: 60% of ceiling' },
    });
  }
  if (sections.memory && !sections.memory.error) {
    const largest = sections.memory.points.at(-1);
    list.push({
      title: `Memory per idle Streamable HTTP session, at ${largest.sessions.toLocaleString('en-US')} sessions (lower is better)`,
      unit: 'KB',
      bars: [
        { label: 'RSS', value: largest.rssBytesPerSession / BYTES_PER_KB, kind: 'ours' },
        ...(largest.heapBytesPerSession === undefined
          ? []
          : [
              {
                label: 'of which JS heap',
                value: largest.heapBytesPerSession / BYTES_PER_KB,
                kind: 'reference',
              },
            ]),
      ],
      target: { value: IDLE_SESSION_BYTES_TARGET / BYTES_PER_KB, label: 'target: 2 KB' },
    });
  }
  if (sections.churn && !sections.churn.error && sections.churn.points.length > 0) {
    const { first, allowedBytes } = churnGrowth(sections.churn);
    list.push({
      title: `Server RSS during session churn, ${sections.churn.errors} refused (lower is better)`,
      unit: 'MB',
      bars: sections.churn.points.map((point) => ({
        label: `after ${point.cycles.toLocaleString('en-US')} cycles`,
        value: point.rssBytes / BYTES_PER_MB,
        kind: 'ours',
      })),
      target: {
        value: (first.rssBytes + allowedBytes) / BYTES_PER_MB,
        label: 'flat up to here',
      },
    });
  }
  if (sections.footprint && !sections.footprint.error) {
    const rows = sections.footprint.rows.filter((row) => !row.error);
    const official = rows.find((row) => row.id === 'official');
    list.push({
      title: 'Installed size with npm (lower is better)',
      unit: 'MB',
      bars: rows.map((row) => ({
        label: row.package,
        value: row.installedMB,
        kind: row.id === 'official' ? 'official' : 'ours',
      })),
      target: official
        ? { value: official.installedMB / 3, label: 'target: ⅓ official' }
        : undefined,
    });
  }
  return list;
}

function legend(top) {
  let x = 20;
  const items = LEGEND.map(([kind, text]) => {
    const item = `<rect x="${x}" y="${top}" width="12" height="12" fill="${COLORS[kind]}" rx="2"/><text x="${x + 18}" y="${top + 10}" class="label">${escapeXml(text)}</text>`;
    x += 40 + text.length * 6.5;
    return item;
  });
  return { svg: items.join('\n'), height: 24 };
}

export function renderSvgChart(results) {
  const key = legend(10);
  let top = 10 + key.height;
  const drawn = [key.svg];
  for (const spec of panels(results)) {
    const { svg, height } = panel(spec, top);
    drawn.push(svg);
    top += height;
  }
  const { machine } = results;
  const otherLoad =
    results.otherProcessesCpuShare === undefined
      ? ''
      : ` · other processes took ${Math.round(results.otherProcessesCpuShare * 100)}% of the CPU`;
  const footer = `${machine.cores} cores, Node ${machine.node}, ${results.generatedAt.slice(0, 10)}${otherLoad} · ${results.command}`;
  const height = top + 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Benchmark results">
<style>
text { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; fill: #111827; }
.title { font-size: 14px; font-weight: 600; }
.label { font-size: 12px; }
.value { font-size: 12px; fill: #374151; }
.target { font-size: 11px; fill: #dc2626; }
.footer { font-size: 11px; fill: #6b7280; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${drawn.join('\n')}
<text x="20" y="${height - 10}" class="footer">${escapeXml(footer)}</text>
</svg>
`;
}
