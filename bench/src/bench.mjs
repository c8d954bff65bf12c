// `pnpm bench`: every measurement of issues 7 and 18 in one run on this machine. Progress goes to
// stderr; the markdown report to stdout; results/bench.json, results/bench.svg and the README's
// Performance section are written from the same results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { explainMissedTargets, renderReport } from './report/markdown-report.mjs';
import { renderSvgChart } from './report/svg-chart.mjs';
import { measureColdStarts } from './sections/cold-start.mjs';
import { measureContextCost } from './sections/context-cost.mjs';
import { measureIdleSessionMemory } from './sections/idle-session-memory.mjs';
import { measureInfisicalRequests } from './sections/infisical-requests.mjs';
import { measureInstallFootprint } from './sections/install-footprint.mjs';
import { measureSessionChurn } from './sections/session-churn.mjs';
import { measureSessionCode } from './sections/session-code.mjs';
import { measureThroughput } from './sections/throughput.mjs';
import { measureToolCallLatency } from './sections/tool-call-latency.mjs';
import { settings } from './support/bench-env.mjs';
import {
  cpuSnapshot,
  describeMachine,
  otherProcessesCpuShare,
  waitForQuietMachine,
} from './support/machine.mjs';
import { seedSecrets, startSandboxProcess } from './support/sandbox-process.mjs';
import { startOurHttpServer } from './support/server-processes.mjs';
import { evaluateTargets } from './targets.mjs';
import { benchCommand, RESULTS_JSON, updateReadme } from './update-readme.mjs';

// `pnpm bench -- --only redis`: the scale-out scenario alone (it needs a Redis; see
// redis-scale-out.mjs). The full run below does not include it. `--only <section>` (coldStart,
// latency, requests, throughput, memory, churn, footprint, contextCost, sessionCode) runs one
// section of the full run, prints its results, its targets and the reason for each it misses,
// and leaves README.md and results/ alone: for iterating on one number.
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag === -1 ? undefined : process.argv[onlyFlag + 1];
if (only === 'redis') {
  await import('./redis-scale-out.mjs');
  process.exit(process.exitCode ?? 0);
}
const SECTIONS = [
  'coldStart',
  'latency',
  'requests',
  'throughput',
  'memory',
  'churn',
  'footprint',
  'contextCost',
  'sessionCode',
];
if (only !== undefined && !SECTIONS.includes(only)) {
  process.stderr.write(`--only takes redis or one of ${SECTIONS.join(', ')} (got ${only})\n`);
  process.exit(2);
}
const wanted = (key) => only === undefined || only === key;

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
const CHART = fileURLToPath(new URL('../results/bench.svg', import.meta.url));

const log = (line) => process.stderr.write(`${line}\n`);
const started = Date.now();
const sections = {};
let failures = 0;

/**
 * Runs one section; a failure is recorded in the results instead of losing the others. A timed
 * section first waits (bounded) for other processes to leave the cores alone.
 */
async function section(key, title, measure, { timed = false } = {}) {
  if (!wanted(key)) return;
  log(`${title}…`);
  const quiet = timed
    ? await waitForQuietMachine({ maxWaitMs: settings.quietWaitMs, log })
    : undefined;
  const sectionStarted = Date.now();
  const cpuBefore = cpuSnapshot();
  try {
    sections[key] = await measure();
  } catch (error) {
    failures++;
    sections[key] = { error: error instanceof Error ? error.message : String(error) };
    log(`  FAILED: ${sections[key].error}`);
  }
  sections[key].seconds = Math.round((Date.now() - sectionStarted) / 100) / 10;
  if (quiet) sections[key].quietCheck = quiet;
  // Another workload on the machine slows every number of the section: say how much there was.
  sections[key].otherProcessesCpuShare = otherProcessesCpuShare(cpuBefore, cpuSnapshot());
}

const machine = describeMachine();
log(`Machine: ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}`);
const runCpuBefore = cpuSnapshot();
const context = { settings, log };

await section('coldStart', 'Cold start', () => measureColdStarts(context), { timed: true });

const needsSandbox = ['latency', 'requests', 'throughput', 'memory', 'churn'].some(wanted);
const sandbox = needsSandbox ? await startSandboxProcess() : undefined;
try {
  if (sandbox) await seedSecrets(sandbox, settings.seededSecrets);
  const needsServer = ['latency', 'requests', 'throughput'].some(wanted);
  const httpServer = needsServer ? await startOurHttpServer(sandbox) : undefined;
  try {
    const withServers = { ...context, sandbox, httpServer };
    await section('latency', 'Tool-call latency', () => measureToolCallLatency(withServers), {
      timed: true,
    });
    await section('requests', 'Infisical requests per tool call', () =>
      measureInfisicalRequests(withServers),
    );
    await section('throughput', 'Throughput', () => measureThroughput(withServers), {
      timed: true,
    });
  } finally {
    await httpServer?.stop();
  }
  await section('memory', 'Memory of idle sessions', () =>
    measureIdleSessionMemory({ ...context, sandbox }),
  );
  await section('churn', 'Session churn', () => measureSessionChurn({ ...context, sandbox }));
} finally {
  await sandbox?.stop();
}
await section('footprint', 'Install footprint', () => measureInstallFootprint(context));
await section('sessionCode', 'Session code', async () => measureSessionCode());
await section('contextCost', 'Context cost', () => measureContextCost(context));

const results = {
  generatedAt: new Date().toISOString(),
  command: benchCommand(),
  machine,
  otherProcessesCpuShare: otherProcessesCpuShare(runCpuBefore, cpuSnapshot()),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  settings: {
    seededSecrets: settings.seededSecrets,
    sandboxLatenciesMs: settings.sandboxLatenciesMs,
  },
  sections,
};
results.targets = evaluateTargets(sections);

if (only !== undefined) {
  process.stdout.write(`${JSON.stringify(sections[only], null, 2)}\n`);
  for (const target of results.targets) {
    if (target.measured.startsWith('not measured')) continue;
    log(`${target.met ? 'met    ' : 'MISSED '} ${target.target}: ${target.measured}`);
  }
  for (const reason of explainMissedTargets(results)) log(`\n${reason}`);
  process.exit(failures > 0 ? 1 : 0);
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(CHART, renderSvgChart(results));
process.stdout.write(`\n${renderReport(results)}`);
log(`\nWrote ${RESULTS_JSON} and ${CHART}.`);
if (failures > 0) {
  // A broken run must not replace the README's last good numbers.
  log(`${failures} section(s) failed: README.md left unchanged.`);
  process.exitCode = 1;
} else if (process.env.BENCH_UPDATE_README === '0') {
  log('BENCH_UPDATE_README=0: README.md left unchanged.');
} else {
  log(`Updated the Performance section of ${updateReadme(results)}.`);
}
log(`Total: ${results.durationSeconds} s.`);
