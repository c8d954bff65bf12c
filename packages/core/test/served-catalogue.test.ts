import { describe, expect, it } from 'vitest';
import { SAFETY_ARGUMENT_INSTRUCTIONS } from '../src/safety/safety-arguments.js';
import { hintsWithDefaults } from '../src/server/advertised-annotations.js';
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

describe('the advertised definitions', () => {
  const listed = servedCatalogue(allTools, { confirmDestructive: 'always' }).listTools().tools;
  const nested = (schema: unknown): Record<string, unknown>[] => {
    if (!schema || typeof schema !== 'object') return [];
    const node = schema as Record<string, unknown>;
    const children = [
      ...Object.values((node.properties ?? {}) as Record<string, unknown>),
      ...(node.items ? [node.items] : []),
      ...(['anyOf', 'oneOf', 'allOf'] as const).flatMap((key) => (node[key] ?? []) as unknown[]),
      ...Object.values((node.$defs ?? {}) as Record<string, unknown>),
    ];
    return [node, ...children.flatMap(nested)];
  };

  it('leave identifier patterns to the server, which explains them when it refuses', () => {
    for (const tool of listed) {
      for (const schema of nested(tool.inputSchema))
        expect(schema, tool.name).not.toHaveProperty(
          'pattern',
          expect.stringContaining('[0-9a-fA-F]{8}'),
        );
    }
    const getSecret = listed.find((tool) => tool.name === 'get-secret');
    expect(getSecret?.inputSchema.properties?.secretName).toEqual({
      type: 'string',
      description: expect.any(String),
    });
  });

  it('carry output schemas without prose, which hosts do not show the model', () => {
    for (const tool of listed) {
      for (const schema of nested(tool.outputSchema)) {
        expect(schema, tool.name).not.toHaveProperty('description');
      }
    }
  });

  it('carry each hint that differs from MCP defaults, and no second title', () => {
    for (const tool of listed) {
      const defined = allTools.find((candidate) => candidate.name === tool.name);
      expect(hintsWithDefaults(tool.annotations), tool.name).toEqual(defined?.annotations);
      expect(tool.annotations, tool.name).not.toHaveProperty('title');
      for (const [hint, value] of Object.entries(tool.annotations ?? {}))
        expect(hintsWithDefaults({})[hint as 'readOnlyHint'], `${tool.name}.${hint}`).not.toBe(
          value,
        );
    }
  });

  it('advertise the dry-run report as an object and identifier rules nowhere', () => {
    const changing = listed.filter((tool) => tool.inputSchema.properties?.dryRun);
    expect(changing.length).toBeGreaterThan(0);
    for (const tool of changing) {
      expect(tool.outputSchema?.properties?.dryRun, tool.name).toEqual({ type: 'object' });
    }
    for (const tool of listed) {
      for (const schema of nested(tool.outputSchema)) {
        expect(schema, tool.name).not.toHaveProperty('pattern');
      }
    }
  });

  it('keep the safety arguments to a few words each, explained once in the instructions', () => {
    for (const name of ['dryRun', 'confirm', 'includeValues']) {
      expect(SAFETY_ARGUMENT_INSTRUCTIONS).toContain(name);
    }
    for (const tool of listed) {
      for (const name of ['dryRun', 'confirm', 'includeValues']) {
        const argument = tool.inputSchema.properties?.[name] as
          | { description?: string }
          | undefined;
        if (argument)
          expect(
            argument.description?.split(' ').length,
            `${tool.name}.${name}`,
          ).toBeLessThanOrEqual(10);
      }
    }
  });
});
