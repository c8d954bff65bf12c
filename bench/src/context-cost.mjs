// Context cost alone (`pnpm --filter @infisical/mcp-bench bench:context`): a few seconds, for a
// quick check after changing tool definitions. `pnpm bench` runs it with everything else.
import { renderContextCostTable } from './report/markdown-report.mjs';
import { measureContextCost } from './sections/context-cost.mjs';

const contextCost = await measureContextCost();
process.stdout.write(
  `\nContext cost, ${contextCost.tokenizer} tokens (Node ${process.version})\n\n${renderContextCostTable(contextCost)}\n`,
);
