// Cold start, spawn to tools/list answered over stdio: ours, the official @infisical/mcp 0.0.24
// and a bare Node process, measured interleaved in one run so machine drift hits all three
// alike.
import { fileURLToPath } from 'node:url';
import { measureColdStart } from '../support/measure-cold-start.mjs';
import {
  LIST_ONLY_ENVIRONMENT,
  OFFICIAL_STDIO_BIN,
  OUR_STDIO_BIN,
} from '../support/server-processes.mjs';
import { median, round } from '../support/statistics.mjs';

const BARE_SERVER = fileURLToPath(new URL('../servers/bare-stdio-server.mjs', import.meta.url));

export const COLD_START_CONTENDERS = [
  { id: 'bare', label: 'bare Node (floor)', script: BARE_SERVER },
  { id: 'ours', label: 'ours (@infisical/mcp, this repo)', script: OUR_STDIO_BIN },
  { id: 'official', label: 'official @infisical/mcp 0.0.24', script: OFFICIAL_STDIO_BIN },
];

export async function measureColdStarts({ settings, log }) {
  const runs = settings.coldStartRuns;
  const samples = new Map(COLD_START_CONTENDERS.map((c) => [c.id, []]));
  const toolCounts = new Map();
  const spawnOnce = (contender) =>
    measureColdStart({
      command: process.execPath,
      args: [contender.script],
      env: LIST_ONLY_ENVIRONMENT,
    });
  // One warm-up each fills the OS file cache, as on a machine where npx already installed them.
  for (const contender of COLD_START_CONTENDERS) await spawnOnce(contender);
  for (let run = 0; run < runs; run++) {
    for (const contender of COLD_START_CONTENDERS) {
      const { ms, tools } = await spawnOnce(contender);
      samples.get(contender.id).push(ms);
      toolCounts.set(contender.id, tools);
    }
  }
  const rows = COLD_START_CONTENDERS.map((contender) => {
    const values = samples.get(contender.id);
    return {
      id: contender.id,
      label: contender.label,
      tools: toolCounts.get(contender.id),
      medianMs: round(median(values), 1),
      minMs: round(Math.min(...values), 1),
      maxMs: round(Math.max(...values), 1),
    };
  });
  const byId = (id) => rows.find((row) => row.id === id).medianMs;
  log(`  cold start: ${runs} interleaved runs`);
  return {
    runs,
    rows,
    oursOverOfficial: round(byId('ours') / byId('official'), 2),
    oursAboveFloorMs: round(byId('ours') - byId('bare'), 1),
  };
}
