// Cold start alone (`pnpm --filter @infisical/mcp-bench cold-start`): the first section of the
// full suite, for a quick check after changing start-up code. `pnpm bench` runs everything.
import { renderColdStartTable } from './report/markdown-report.mjs';
import { measureColdStarts } from './sections/cold-start.mjs';
import { settings } from './support/bench-env.mjs';

const coldStart = await measureColdStarts({ settings, log: () => {} });
process.stdout.write(
  `\nCold start: spawn to tools/list answered over stdio, median of ${coldStart.runs} (Node ${process.version})\n\n${renderColdStartTable(coldStart)}\n`,
);
