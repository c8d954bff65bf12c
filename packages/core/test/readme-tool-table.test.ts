import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filterTools } from '../src/server/select-tools.js';
import { allTools } from '../src/tools/all-tools.js';
import { toolsetsOrDefault } from '../src/tools/core-catalogue.js';
import { renderToolTable } from '../src/tools/render-tool-table.js';

/** Table cells padded by the formatter compare equal to the generated ones. */
function normalize(table: string): string[] {
  return table
    .trim()
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim());
}

const readme = () => readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README tool table', () => {
  it('lists every tool, and marks Default exactly those a server serves when no toolset is chosen', () => {
    const section = /<!-- tools:start -->([\s\S]*?)<!-- tools:end -->/.exec(readme())?.[1] ?? '';
    const rows = section
      .split('\n')
      .map((line) => /^\| `([a-z-]+)` +\| [a-z-]+ +\| (yes)? *\|/.exec(line))
      .filter((match) => match !== null);
    expect(rows.map((match) => match[1]).sort()).toEqual(allTools.map((tool) => tool.name).sort());
    const servedByDefault = filterTools(allTools, {
      toolsets: toolsetsOrDefault(undefined, undefined),
    });
    expect(rows.filter((match) => match[2] === 'yes').map((match) => match[1])).toEqual(
      servedByDefault.map((tool) => tool.name),
    );
  });

  it('matches the tool definitions (run `pnpm --filter @infisical/mcp-core tool-table`)', () => {
    const section = /<!-- tools:start -->([\s\S]*?)<!-- tools:end -->/.exec(readme());
    expect(section, 'README.md lacks the tools:start/tools:end markers').not.toBeNull();
    expect(normalize(section?.[1] ?? '')).toEqual(normalize(renderToolTable(allTools)));
  });

  it('has one row per tool', () => {
    expect(renderToolTable(allTools).split('\n')).toHaveLength(allTools.length + 2);
  });
});
