import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allTools } from '../src/tools/all-tools.js';
import { renderToolTable } from '../src/tools/render-tool-table.js';

/** Table cells padded by the formatter compare equal to the generated ones. */
function normalize(table: string): string[] {
  return table
    .trim()
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim());
}

describe('the README tool table', () => {
  it('matches the tool definitions (run `pnpm --filter @infisical/mcp-core tool-table`)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = /<!-- tools:start -->([\s\S]*?)<!-- tools:end -->/.exec(readme);
    expect(section, 'README.md lacks the tools:start/tools:end markers').not.toBeNull();
    expect(normalize(section?.[1] ?? '')).toEqual(normalize(renderToolTable(allTools)));
  });

  it('has one row per tool', () => {
    expect(renderToolTable(allTools).split('\n')).toHaveLength(allTools.length + 2);
  });
});
