// The session-code section counts every line of streamable/ and sessions/ under exactly one
// responsibility, and weighs the SDK transport the old design ran, resolved as transport-http
// resolves it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  linesByResponsibility,
  measureSessionCode,
  SESSION_FILE_RESPONSIBILITIES,
} from '../src/sections/session-code.mjs';

const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0);

describe('measureSessionCode', () => {
  const code = measureSessionCode();

  it('puts every line of streamable/ and sessions/ under one responsibility', () => {
    expect(code.files.length).toBeGreaterThan(0);
    expect(sum(code.responsibilities, 'lines')).toBe(code.lines);
    expect(sum(code.responsibilities, 'codeLines')).toBe(code.codeLines);
    const grouped = code.responsibilities.flatMap((group) => group.files).sort();
    expect(grouped).toEqual(code.files.map((file) => file.source).sort());
    for (const file of code.files) {
      expect(file.responsibility).toBe(SESSION_FILE_RESPONSIBILITIES[file.source]);
    }
  });

  it('weighs the SDK transport of the version transport-http depends on', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../packages/transport-http/package.json', import.meta.url), 'utf8'),
    );
    const sdk = code.sdkTransport;
    expect(sdk.version).toBe(manifest.dependencies['@modelcontextprotocol/sdk']);
    expect(sdk.files.map((file) => file.file)).toEqual([
      'dist/esm/server/streamableHttp.js',
      'dist/esm/server/webStandardStreamableHttp.js',
    ]);
    for (const file of sdk.files) expect(file.codeLines).toBeGreaterThan(0);
    expect(sdk.lines).toBe(sum(sdk.files, 'lines'));
    expect(Array.isArray(sdk.importedBy)).toBe(true);
  });
});

describe('linesByResponsibility', () => {
  const file = (source, lines) => ({ source, lines, codeLines: lines - 1 });
  const table = { 'streamable/a.ts': 'routes', 'sessions/b.ts': 'routes', 'sessions/c.ts': 'caps' };

  it('sums lines and code lines per responsibility, largest first', () => {
    const groups = linesByResponsibility(
      [file('streamable/a.ts', 10), file('sessions/b.ts', 5), file('sessions/c.ts', 40)],
      table,
    );
    expect(groups).toEqual([
      { responsibility: 'caps', lines: 40, codeLines: 39, files: ['sessions/c.ts'] },
      {
        responsibility: 'routes',
        lines: 15,
        codeLines: 13,
        files: ['streamable/a.ts', 'sessions/b.ts'],
      },
    ]);
  });

  it('throws on a file the table does not place, and on a file the table names that is gone', () => {
    const all = [file('streamable/a.ts', 1), file('sessions/b.ts', 1), file('sessions/c.ts', 1)];
    expect(() => linesByResponsibility([...all, file('sessions/new.ts', 3)], table)).toThrow(
      /no responsibility for sessions\/new\.ts/,
    );
    expect(() => linesByResponsibility(all.slice(1), table)).toThrow(
      /names files that are gone: streamable\/a\.ts/,
    );
  });
});
