import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface IgnoreRule {
  pattern: string;
  negated: boolean;
  matcher: RegExp;
}

/**
 * .dockerignore rules: one pattern per line, `#` comments, `!` re-includes, Go-style globs with
 * `**`. A pattern excludes a path when it matches the path or one of its parent directories;
 * the last matching rule decides.
 */
export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line)
        .trim()
        .replace(/^\/+/, '')
        .replace(/\/+$/, '');
      return { pattern, negated, matcher: globToRegExp(pattern) };
    });
}

export function isIgnored(rules: IgnoreRule[], path: string): boolean {
  const segments = path.split('/');
  const pathAndParents = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (pathAndParents.some((candidate) => rule.matcher.test(candidate))) ignored = !rule.negated;
  }
  return ignored;
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] ?? '';
    if (pattern.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (pattern.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else source += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * The files a clean clone of the repository would send as build context: what git tracks plus
 * new files it does not ignore (work not yet committed), minus the dockerignore's exclusions.
 * Repository-relative POSIX paths.
 */
export function buildContextFiles(repoRoot: string, dockerignoreText: string): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
    .split('\0')
    .filter(Boolean);
  const rules = parseDockerignore(dockerignoreText);
  return [...new Set(listed)].filter(
    (path) => existsInWorkTree(repoRoot, path) && !isIgnored(rules, path),
  );
}

/** Copies the build context into `destination`, keeping symbolic links as links. */
export function materializeBuildContext(
  repoRoot: string,
  files: string[],
  destination: string,
): void {
  mkdirSync(destination, { recursive: true });
  for (const path of files) {
    const source = join(repoRoot, path);
    const target = join(destination, path);
    mkdirSync(dirname(target), { recursive: true });
    if (lstatSync(source).isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else copyFileSync(source, target);
  }
}

function existsInWorkTree(repoRoot: string, path: string): boolean {
  try {
    // A tracked file deleted in the work tree is not part of what would be committed.
    lstatSync(join(repoRoot, path));
    return true;
  } catch {
    return false;
  }
}
