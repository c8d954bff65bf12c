import { describe, expect, it } from 'vitest';
import { paginate } from '../src/tools/pagination.js';
import { ToolInputError } from '../src/tools/tool-input-error.js';

describe('paginate', () => {
  const all = Array.from({ length: 250 }, (_, i) => i);

  it('walks a list page by page with the cursor it hands out, then stops', () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = paginate(all, { cursor, limit: 100 });
      seen.push(...page.items);
      expect(page.totalCount).toBe(250);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it('has no nextCursor when everything fits, including an empty list', () => {
    expect(paginate([1, 2], { limit: 2 })).toEqual({ items: [1, 2], totalCount: 2 });
    expect(paginate([], { limit: 10 })).toEqual({ items: [], totalCount: 0 });
  });

  it.each([
    'nonsense',
    Buffer.from('{"o":-1}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('refuses a cursor it did not issue (%s)', (cursor) => {
    expect(() => paginate(all, { cursor, limit: 10 })).toThrow(ToolInputError);
  });
});
