import {
  chmodSync,
  chownSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { openAuditDestination } from '../src/safety/audit-destination.js';

const entry = { principal: 'p', tool: 'get-secret', outcome: 'ok' } as never;
const modeOf = (path: string) => statSync(path).mode & 0o777;
const freshDir = () => mkdtempSync(join(tmpdir(), 'mcp-audit-'));

describe.skipIf(process.platform === 'win32')('openAuditDestination (file)', () => {
  it('creates the file owner-only and appends a line per entry', () => {
    const path = join(freshDir(), 'audit.jsonl');
    const sink = openAuditDestination(path, '--audit-log');
    sink(entry);
    sink(entry);
    expect(modeOf(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('tightens an existing world-readable file to 0600 and keeps its lines', () => {
    const path = join(freshDir(), 'audit.jsonl');
    writeFileSync(path, 'earlier\n');
    chmodSync(path, 0o644);
    openAuditDestination(path, '--audit-log')(entry);
    expect(modeOf(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8').startsWith('earlier\n')).toBe(true);
  });

  it('refuses a symbolic link, naming the option, and writes nothing through it', () => {
    const dir = freshDir();
    const target = join(dir, 'elsewhere');
    writeFileSync(target, '');
    chmodSync(target, 0o644);
    const link = join(dir, 'audit.jsonl');
    symlinkSync(target, link);
    expect(() => openAuditDestination(link, '--audit-log')).toThrow(ConfigError);
    expect(() => openAuditDestination(link, '--audit-log')).toThrow(
      /--audit-log: .*audit\.jsonl is a symbolic link/,
    );
    expect(readFileSync(target, 'utf8')).toBe('');
    expect(modeOf(target)).toBe(0o644);
  });

  // Only root can hand a file to another user to set the scene.
  it.runIf(process.getuid?.() === 0)('refuses a file that belongs to another user', () => {
    const path = join(freshDir(), 'audit.jsonl');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    chownSync(path, 4242, 4242);
    expect(() => openAuditDestination(path, '--audit-log')).toThrow(
      /belongs to another user \(uid 4242\)/,
    );
    expect(modeOf(path)).toBe(0o644);
  });
});
