#!/usr/bin/env node
// `pnpm soak -- --sessions 50 --minutes 10`: prints a report, exits 1 on any failed call or lost write.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runSoak, TRANSPORTS } from './run-soak.mjs';

// pnpm 12 passes on the `--` of `pnpm soak -- --sessions 50`, once per pnpm in the chain.
const args = process.argv.slice(2);
while (args[0] === '--') args.shift();
const { values } = parseArgs({
  args,
  options: {
    sessions: { type: 'string', default: '50' },
    minutes: { type: 'string', default: '10' },
    'think-ms': { type: 'string', default: '100' },
    'latency-ms': { type: 'string', default: '0' },
    transports: { type: 'string', default: Object.keys(TRANSPORTS).join(',') },
    'server-heap-mb': { type: 'string' },
    json: { type: 'string' },
  },
});
const number = (name) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
};
const settings = {
  sessions: number('sessions'),
  durationMs: number('minutes') * 60_000,
  thinkMs: number('think-ms'),
  latencyMs: number('latency-ms'),
  transports: values.transports.split(','),
  windows: Math.max(5, Math.min(20, Math.round(number('minutes') * 2))),
  serverNodeOptions: values['server-heap-mb']
    ? [`--max-old-space-size=${number('server-heap-mb')}`]
    : [],
  progress: (line) => log(`soak: ${JSON.stringify(line)}`),
};
const log = (line) => process.stderr.write(`${line}\n`);
const print = (text) => process.stdout.write(`${text}\n`);
log(`soak: ${settings.sessions} sessions for ${values.minutes} min…`);
const report = await runSoak(settings);
if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
print(
  JSON.stringify(
    { settings: report.settings, totals: report.totals, memory: report.memory },
    null,
    2,
  ),
);
print(markdownTable(report.windows));
if (report.errors.length > 0) print(markdownTable(report.errors));
const passed =
  report.totals.failed === 0 &&
  report.totals.lostWrites === 0 &&
  report.totals.unexpectedKeys === 0;
print(passed ? 'soak passed' : 'soak FAILED');
process.exitCode = passed ? 0 : 1;

function markdownTable(rows) {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(columns),
    line(columns.map(() => '---:')),
    ...rows.map((row) => line(columns.map((c) => String(row[c] ?? '')))),
  ].join('\n');
}
