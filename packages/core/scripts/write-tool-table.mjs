// Rewrites the tool table between the markers in the root README from the built tool list.
import { readFileSync, writeFileSync } from 'node:fs';
import { allTools, renderToolTable } from '../dist/index.js';

const readmeUrl = new URL('../../../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const start = '<!-- tools:start -->';
const end = '<!-- tools:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from === -1 || to === -1) throw new Error(`README.md lacks the ${start} / ${end} markers`);
const table = renderToolTable(allTools);
writeFileSync(
  readmeUrl,
  `${readme.slice(0, from + start.length)}\n\n${table}\n\n${readme.slice(to)}`,
);
process.stdout.write(`README.md: tool table rewritten (${allTools.length} tools)\n`);
