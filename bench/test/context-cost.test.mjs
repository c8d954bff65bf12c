// The context-cost rows are computed from listings alone: these tests feed made-up listings and
// a word counter, so the arithmetic is checked without spawning a server.
import { describe, expect, it } from 'vitest';
import { renderContextCostTable } from '../src/report/markdown-report.mjs';
import { contextCostRows, modelVisibleTokens } from '../src/sections/context-cost.mjs';
import { evaluateTargets } from '../src/targets.mjs';

const words = (text) => text.split(/[\s"{},:]+/).filter(Boolean).length;

const tool = (name, description) => ({
  name,
  title: `Title of ${name}`,
  description,
  inputSchema: { type: 'object', properties: {} },
  outputSchema: { type: 'object', properties: { a: { description: 'not for the model' } } },
  annotations: { readOnlyHint: true },
});

const listing = (id, tools, instructions) => ({
  id,
  label: id,
  tools,
  answer: JSON.stringify({ jsonrpc: '2.0', id: 2, result: { tools } }),
  instructions,
});

describe('context cost', () => {
  it('counts name, description and input schema only, as hosts pass them', () => {
    const counted = modelVisibleTokens([tool('get-secret', 'Read one secret.')], words);
    expect(counted).toBe(
      words(
        JSON.stringify({
          name: 'get-secret',
          description: 'Read one secret.',
          input_schema: { type: 'object', properties: {} },
        }),
      ),
    );
  });

  it('compares the official tools with ours under the same names', () => {
    const official = [tool('get-secret', 'Get a secret.'), tool('list-secrets', 'List.')];
    const ours = [
      tool('get-secret', 'Read one secret with many more words in it.'),
      tool('list-secrets', 'List secrets.'),
      tool('list-tags', 'List tags.'),
    ];
    const rows = contextCostRows(
      [listing('default', ours, 'Start here.'), listing('official', official)],
      words,
    );
    const same = rows.find((row) => row.id === 'official-ten');
    expect(same.tools).toBe(2);
    expect(same.modelVisibleTokens).toBe(modelVisibleTokens(ours.slice(0, 2), words));
    const officialTokens = rows.find((row) => row.id === 'official').modelVisibleTokens;
    expect(same.shareOfOfficial).toBeCloseTo(same.modelVisibleTokens / officialTokens, 2);
    expect(rows.find((row) => row.id === 'default').instructionsTokens).toBe(2);
    // The whole answer carries what the model never sees: it always costs more.
    const ourRow = rows.find((row) => row.id === 'default');
    expect(ourRow.answerTokens).toBeGreaterThan(ourRow.modelVisibleTokens);
  });

  it('keeps a contender that failed to start as a row with its error, and judges it unmeasured', () => {
    const rows = contextCostRows(
      [{ id: 'dynamic', label: 'dynamic', error: 'exited with 1' }, listing('default', [])],
      words,
    );
    expect(rows[0]).toEqual({ id: 'dynamic', label: 'dynamic', error: 'exited with 1' });
    expect(renderContextCostTable({ rows })).toContain('not measured: exited with 1');
    const targets = evaluateTargets({ contextCost: { rows } });
    const dynamic = targets.find((row) => row.target.startsWith('dynamic toolsets'));
    expect(dynamic.met).toBeNull();
  });

  it('judges the catalogue targets from the numbers', () => {
    const rows = [
      { id: 'default', tools: 24, modelVisibleTokens: 3900, answerTokens: 6000 },
      { id: 'all', tools: 45, modelVisibleTokens: 6600, answerTokens: 11000 },
      { id: 'official', tools: 10, modelVisibleTokens: 1500, answerTokens: 1800 },
      { id: 'official-ten', tools: 10, modelVisibleTokens: 1700, shareOfOfficial: 1.13 },
      { id: 'dynamic', tools: 12, modelVisibleTokens: 1200, answerTokens: 2000 },
    ];
    const verdicts = evaluateTargets({ contextCost: { rows } })
      .filter((row) => /catalogue|toolsets|ten tools/.test(row.target))
      .map((row) => row.met);
    expect(verdicts).toEqual([true, false, true, false]);
  });
});
