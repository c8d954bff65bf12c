import { describe, expect, it } from 'vitest';
import { allTools } from '../src/tools/all-tools.js';

/** Sentences of a description; "e.g." and "i.e." do not end one. */
function sentences(text: string): string[] {
  return text
    .replace(/\b(e\.g|i\.e)\./g, '$1')
    .split(/(?<=[.!?])\s+(?=[A-Z`"(])/)
    .filter((sentence) => sentence.trim().length > 0);
}

describe('tool descriptions are written for a model', () => {
  it.each(allTools.map((tool) => [tool.name, tool] as const))(
    '%s: says what it does in at most three sentences, and every argument is described',
    (_name, tool) => {
      expect(sentences(tool.description).length).toBeLessThanOrEqual(3);
      expect(tool.description.length).toBeLessThan(600);
      expect(tool.title).toBeTruthy();
      for (const [argument, schema] of Object.entries(tool.inputSchema.properties)) {
        expect((schema as { description?: string }).description, argument).toBeTruthy();
      }
    },
  );

  it('counts sentences as a reader would', () => {
    expect(sentences('Lists tags (e.g. "backend"). Returns ids.')).toHaveLength(2);
    expect(sentences('One. Two! Three? Four.')).toHaveLength(4);
  });
});
