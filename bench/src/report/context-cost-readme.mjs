// Rewrites only the context-cost numbers of the README's Performance section: its targets in the
// Targets table and the "Context cost" subsection. Counting tokens takes seconds, so a change
// to the tool definitions can refresh them without the whole bench; the next full run rewrites
// the section as a whole, with the same text.
import { contextTargets } from '../targets.mjs';
import { renderContextCostSection, renderTargetsTable } from './markdown-report.mjs';

const SECTION_HEADINGS = ['## Performance', '## Benchmarks'];
const SUBSECTION = '### Context cost';
/** Where a full run puts the subsection: after the targets, before the cold start. */
const FOLLOWING_SUBSECTION = '### Cold start';

/** The README text with the context-cost numbers replaced by those of `contextCost`. */
export function withContextCost(readme, contextCost, { measuredOn } = {}) {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => SECTION_HEADINGS.includes(line.trim()));
  if (start === -1) throw new Error(`README.md has no "${SECTION_HEADINGS[0]}" section`);
  let end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  if (end === -1) end = lines.length;
  const section = lines.slice(start, end);
  const updated = withSubsection(
    withTargets(section, contextTargets(contextCost)),
    renderContextCostSection(contextCost, { measuredOn }).split('\n'),
  );
  return [...lines.slice(0, start), ...updated, ...lines.slice(end)].join('\n');
}

/** The Targets table with the context rows replaced, the other rows as they were. */
function withTargets(section, targets) {
  const heading = section.findIndex((line) => line.trim() === '### Targets');
  if (heading === -1) return section;
  const first = section.findIndex((line, index) => index > heading && line.startsWith('|'));
  if (first === -1) return section;
  let last = first;
  while (section[last + 1]?.startsWith('|')) last += 1;
  const replaced = new Set(targets.map((row) => row.target));
  const kept = section
    .slice(first + 2, last + 1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    )
    .filter(([target]) => !replaced.has(target))
    .map(([target, measured, result]) => ({ target, measured, result }));
  const rows = [...kept, ...targets.map((row) => ({ ...row, result: undefined }))];
  const table = renderTargetsTable({ targets: rows.map(asTargetRow) }).split('\n');
  return [...section.slice(0, first), ...table, ...section.slice(last + 1)];
}

/** A row read back from the table keeps its verdict text; a new one is judged by `met`. */
function asTargetRow(row) {
  if (row.result === undefined) return row;
  const met = { met: true, '**NOT met**': false }[row.result] ?? null;
  return { target: row.target, measured: row.measured, met };
}

function withSubsection(section, subsection) {
  const isHeading = (line) => line.startsWith('### ') || line.startsWith('## ');
  const start = section.findIndex((line) => line.trim() === SUBSECTION);
  if (start !== -1) {
    let end = section.findIndex((line, index) => index > start && isHeading(line));
    if (end === -1) end = section.length;
    return [...section.slice(0, start), ...subsection, '', ...section.slice(end)];
  }
  let at = section.findIndex((line) => line.trim() === FOLLOWING_SUBSECTION);
  if (at === -1) at = section.length;
  return [...section.slice(0, at), ...subsection, '', ...section.slice(at)];
}
