import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from '../src/lazy-child-logger.js';
import type { Logger } from '../src/logger.js';
import { SharedChildLoggers } from '../src/shared-child-loggers.js';

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

describe('a lazy child logger under a level that drops the line', () => {
  it('makes no child for a line its level would not write', () => {
    const lines: unknown[][] = [];
    const parent = {
      ...recordingLogger(lines),
      isLevelEnabled: (level: string) => level !== 'debug',
    };
    const logger = lazyChildLogger(parent, { tool: 'get-secret' });
    logger.debug({ ms: 1 }, 'tool call succeeded');
    expect(lines).toEqual([]);
    logger.warn({ ms: 2 }, 'slow');
    expect(lines).toEqual([
      ['child', { tool: 'get-secret' }],
      ['warn', { tool: 'get-secret', ms: 2 }, 'slow'],
    ]);
  });
});

describe('shared child loggers', () => {
  it('makes one child per distinct bindings and hands the same one out again', () => {
    const lines: unknown[][] = [];
    const pool = new SharedChildLoggers(recordingLogger(lines));
    const first = pool.for({ transport: 'websocket', client: 'a' });
    expect(pool.for({ transport: 'websocket', client: 'a' })).toBe(first);
    const other = pool.for({ transport: 'websocket', client: 'b' });
    expect(other).not.toBe(first);
    other.info({ audit: {} }, 'audit');
    expect(lines).toEqual([
      ['child', { transport: 'websocket', client: 'a' }],
      ['child', { transport: 'websocket', client: 'b' }],
      ['info', { transport: 'websocket', client: 'b', audit: {} }, 'audit'],
    ]);
  });
});
