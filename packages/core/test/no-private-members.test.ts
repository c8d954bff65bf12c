import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** Every source file of every package and app: what ships. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[cm]?ts$/.test(entry.name)) files.push(path);
    }
  };
  for (const group of ['packages', 'apps']) {
    for (const project of readdirSync(join(REPOSITORY, group))) {
      const src = join(REPOSITORY, group, project, 'src');
      try {
        walk(src);
      } catch {
        // A project without sources (configuration only).
      }
    }
  }
  return files;
}

describe('the SDK (and every other library) through its public surface only', () => {
  it('no source file reads or writes an underscore member of an object it does not own', () => {
    const offences: string[] = [];
    for (const file of sourceFiles()) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          // `_meta` is MCP's own field name, not a private member.
          for (const match of line.matchAll(/\.\s*_[A-Za-z]\w*/g)) {
            if (!/^\.\s*_meta\b/.test(match[0])) {
              offences.push(`${file.slice(REPOSITORY.length)}:${index + 1}: ${line.trim()}`);
            }
          }
        });
    }
    expect(sourceFiles().length).toBeGreaterThan(100);
    expect(offences).toEqual([]);
  });
});
