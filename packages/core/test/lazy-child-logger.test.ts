import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from '../src/lazy-child-logger.js';
import type { Logger } from '../src/logger.js';

function recordingLogger(lines: unknown[][], bindings: Record<string, unknown> = {}): Logger {
  const log = (level: string) => (obj: object, msg?: string) =>
    lines.push([level, { ...bindings, ...obj }, msg]);
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (more) => {
      lines.push(['child', more]);
      return recordingLogger(lines, { ...bindings, ...more });
    },
  };
}

describe('a lazy child logger', () => {
  it('makes its child on first use only, once, and logs through it with its bindings', () => {
    const lines: unknown[][] = [];
    const logger = lazyChildLogger(recordingLogger(lines), { session: 's1' });
    expect(lines).toEqual([]);
    logger.warn({ n: 1 }, 'first');
    logger.info({ n: 2 });
    logger.child({ tool: 't' }).debug({ n: 3 }, 'third');
    expect(lines).toEqual([
      ['child', { session: 's1' }],
      ['warn', { session: 's1', n: 1 }, 'first'],
      ['info', { session: 's1', n: 2 }, undefined],
      ['child', { tool: 't' }],
      ['debug', { session: 's1', tool: 't', n: 3 }, 'third'],
    ]);
  });
});
