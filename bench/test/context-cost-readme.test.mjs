// `bench:context --readme` rewrites only the context-cost numbers of the README: these tests feed
// it a small README and made-up numbers, and check what changes and what stays.
import { describe, expect, it } from 'vitest';
import { withContextCost } from '../src/report/context-cost-readme.mjs';
import { renderContextCostSection } from '../src/report/markdown-report.mjs';

const README = `# Server

## Tools

### Context cost

Not this one: it is outside the Performance section.

## Performance

Intro.

### Targets

| target | measured | result |
| --- | --- | --- |
| cold start at most half the official server’s (same run) | 0.38 | met |
| all toolsets: at most 6,500 model-visible tokens and 12,000 tokens of tools/list answer | 6,486 model-visible, 15,469 answer | **NOT met** |
| throughput ≥ 60% of the bare fastify ceiling at 10 sessions: WebSocket | 33% | **NOT met** |

### Cold start

Cold numbers.

## Licence
`;

const contextCost = (allAnswerTokens) => ({
  tokenizer: 'o200k_base (gpt-tokenizer)',
  rows: [
    { id: 'default', label: 'ours, default', tools: 22, modelVisibleTokens: 3060 },
    {
      id: 'all',
      label: 'ours, all toolsets',
      tools: 45,
      modelVisibleTokens: 6486,
      answerTokens: allAnswerTokens,
    },
    { id: 'dynamic', label: 'ours, dynamic', tools: 7, modelVisibleTokens: 780 },
    { id: 'official', label: 'official', tools: 10, modelVisibleTokens: 1509 },
    {
      id: 'official-ten',
      label: 'same ten',
      tools: 10,
      modelVisibleTokens: 1704,
      shareOfOfficial: 1.13,
    },
  ],
});

const targetRows = (readme) => readme.split('\n').filter((line) => line.startsWith('| '));

describe('the README context cost, rewritten alone', () => {
  it('replaces the context targets, keeps the others and their verdicts', () => {
    const updated = withContextCost(README, contextCost(11832));
    const rows = targetRows(updated);
    expect(rows.find((row) => row.startsWith('| all toolsets'))).toMatch(
      /6,486 model-visible, 11,832 answer\s*\| met/,
    );
    expect(rows.filter((row) => row.startsWith('| all toolsets'))).toHaveLength(1);
    expect(rows.find((row) => row.startsWith('| throughput'))).toContain('**NOT met**');
    expect(rows.find((row) => row.startsWith('| cold start'))).toMatch(/\| met\s*\|$/);
    expect(rows.find((row) => row.startsWith('| default catalogue'))).toContain('22 tools');
    expect(rows.find((row) => row.startsWith('| dynamic toolsets'))).toContain('780 tokens');
  });

  it('puts the subsection before the cold start, and replaces it the next time', () => {
    const once = withContextCost(README, contextCost(11832), { measuredOn: '2026-12-07' });
    const performance = once.slice(once.indexOf('## Performance'));
    expect(performance.indexOf('### Context cost')).toBeLessThan(
      performance.indexOf('### Cold start'),
    );
    expect(once).toContain(
      renderContextCostSection(contextCost(11832), { measuredOn: '2026-12-07' }),
    );
    const twice = withContextCost(once, contextCost(11900));
    expect(twice.match(/### Context cost/g)).toHaveLength(2);
    expect(twice).toContain('11,900');
    expect(twice).not.toContain('11,832');
    expect(twice).toContain('Not this one: it is outside the Performance section.');
    expect(twice.endsWith('## Licence\n')).toBe(true);
  });

  it('says what the default serves and why', () => {
    const section = renderContextCostSection(contextCost(11832));
    expect(section).toContain('official server’s ten tools');
    expect(section).toContain('--toolsets all');
    expect(section).toContain('--dynamic-toolsets');
  });
});
