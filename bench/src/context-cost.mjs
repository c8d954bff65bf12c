// Context cost alone (`pnpm --filter @infisical/mcp-bench bench:context`): a few seconds, for a
// quick check after changing tool definitions. `pnpm bench` runs it with everything else.
// With `--readme` it also rewrites the context-cost numbers in the README's Performance section.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withContextCost } from './report/context-cost-readme.mjs';
import { renderContextCostTable } from './report/markdown-report.mjs';
import { measureContextCost } from './sections/context-cost.mjs';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

const contextCost = await measureContextCost();
process.stdout.write(
  `\nContext cost, ${contextCost.tokenizer} tokens (Node ${process.version})\n\n${renderContextCostTable(contextCost)}\n`,
);
if (process.argv.includes('--readme')) {
  const measuredOn = `${new Date().toISOString().slice(0, 10)}, Node ${process.version}`;
  writeFileSync(README, withContextCost(readFileSync(README, 'utf8'), contextCost, { measuredOn }));
  process.stdout.write(`\nupdated the context cost in ${README}\n`);
}
