import { describe, expect, it } from 'vitest';
import { servedCatalogue } from '../src/server/served-catalogue.js';
import { allTools } from '../src/tools/all-tools.js';

describe('the served catalogue', () => {
  it('is built once for the same settings and shared, answers included', () => {
    const settings = { confirmDestructive: 'auto' as const, toolsets: ['secrets'] };
    const first = servedCatalogue(allTools, settings);
    const second = servedCatalogue(allTools, { ...settings, toolsets: ['secrets'] });
    expect(second).toBe(first);
    expect(second.listTools()).toBe(first.listTools());
    expect(second.capabilities).toBe(first.capabilities);
  });

  it('differs when a setting that narrows it differs', () => {
    const base = servedCatalogue(allTools, { confirmDestructive: 'auto' });
    const readOnly = servedCatalogue(allTools, { confirmDestructive: 'auto', readOnly: true });
    const confirm = servedCatalogue(allTools, { confirmDestructive: 'always' });
    const noPrompts = servedCatalogue(allTools, { confirmDestructive: 'auto', prompts: false });
    expect(new Set([base, readOnly, confirm, noPrompts]).size).toBe(4);
    expect(readOnly.tools.every((tool) => tool.annotations.readOnlyHint)).toBe(true);
    expect(noPrompts.prompts).toBeUndefined();
    expect(noPrompts.capabilities).not.toHaveProperty('prompts');
  });

  it('refuses an unknown tool name every time, not only the first', () => {
    const settings = { confirmDestructive: 'auto' as const, enabledTools: ['no-such-tool'] };
    expect(() => servedCatalogue(allTools, settings)).toThrow(/Unknown tool name/);
    expect(() => servedCatalogue(allTools, settings)).toThrow(/Unknown tool name/);
  });
});
