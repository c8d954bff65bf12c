// Cold start, spawn to tools/list answered over stdio: ours, the official @infisical/mcp
// 0.0.24 and a bare Node process, measured interleaved in one run so machine drift hits all
// three alike. Prints a table and writes results/cold-start.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureColdStart, median } from './measure-cold-start.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);

const env = {
  PATH: process.env.PATH ?? '',
  // No tool is called: credentials are only checked for presence at start-up.
  INFISICAL_HOST_URL: 'http://127.0.0.1:9',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'bench-client-id',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'bench-client-secret',
  INFISICAL_MCP_LOG_LEVEL: 'silent',
};

const officialDir = dirname(require.resolve('official-infisical-mcp/package.json'));
const oursDir = dirname(require.resolve('@infisical/mcp/package.json'));

const contenders = [
  { name: 'bare Node (floor)', args: [join(here, 'bare-stdio-server.mjs')] },
  { name: 'ours (@infisical/mcp, this repo)', args: [join(oursDir, 'dist/main.js')] },
  { name: 'official @infisical/mcp 0.0.24', args: [join(officialDir, 'dist/index.js')] },
];

const samples = new Map(contenders.map((c) => [c.name, []]));
const toolCounts = new Map();
// One warm-up each fills the OS file cache, as on a machine where npx already installed them.
for (const contender of contenders) {
  await measureColdStart({ command: process.execPath, args: contender.args, env });
}
for (let run = 0; run < runs; run++) {
  for (const contender of contenders) {
    const { ms, tools } = await measureColdStart({
      command: process.execPath,
      args: contender.args,
      env,
    });
    samples.get(contender.name).push(ms);
    toolCounts.set(contender.name, tools);
  }
}

const rows = contenders.map((c) => {
  const values = samples.get(c.name);
  return {
    server: c.name,
    tools: toolCounts.get(c.name),
    medianMs: Number(median(values).toFixed(1)),
    minMs: Number(Math.min(...values).toFixed(1)),
    maxMs: Number(Math.max(...values).toFixed(1)),
  };
});
const ours = rows[1].medianMs;
const official = rows[2].medianMs;
const floor = rows[0].medianMs;

process.stdout.write(
  `\nCold start: spawn to tools/list answered over stdio, median of ${runs} (Node ${process.version})\n\n`,
);
process.stdout.write(
  '| server | tools | median ms | min ms | max ms |\n|---|---:|---:|---:|---:|\n',
);
for (const row of rows) {
  process.stdout.write(
    `| ${row.server} | ${row.tools} | ${row.medianMs} | ${row.minMs} | ${row.maxMs} |\n`,
  );
}
const ratio = ours / official;
process.stdout.write(
  `\nours / official = ${ratio.toFixed(2)} (target <= 0.50: ${ratio <= 0.5 ? 'met' : 'NOT met'}); ours - bare Node = ${(ours - floor).toFixed(1)} ms\n`,
);

const resultsDir = join(here, '..', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  join(resultsDir, 'cold-start.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, rows, ratio }, null, 2)}\n`,
);
