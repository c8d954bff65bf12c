import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../src/server/bounded-memo.js';

describe('BoundedMemo', () => {
  it('builds once per key, and past its bound forgets the oldest key first', () => {
    const builds: string[] = [];
    const memo = new BoundedMemo<{ key: string }>(2);
    const get = (key: string) =>
      memo.get(key, () => {
        builds.push(key);
        return { key };
      });
    const first = get('a');
    expect(get('a')).toBe(first);
    get('b');
    get('c');
    expect(builds).toEqual(['a', 'b', 'c']);
    get('b');
    expect(builds).toEqual(['a', 'b', 'c']);
    expect(get('a')).not.toBe(first);
    expect(builds).toEqual(['a', 'b', 'c', 'a']);
  });
});
