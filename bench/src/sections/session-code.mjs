// Issue 18's simplicity targets, read from the sources: how many lines the Streamable HTTP and
// session code takes against the 1,337 it took when the issue was filed, and whether any source
// reaches into another object's private (underscore) members, as the SDK restore once did.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));
const SESSION_DIRECTORIES = ['streamable', 'sessions'].map((name) =>
  join(REPOSITORY, 'packages/transport-http/src', name),
);
/** `wc -l` of streamable/ and sessions/ when issue 18 was filed. */
export const SESSION_LINES_AT_ISSUE = 1337;

function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.[cm]?ts$/.test(entry.name) ? [path] : [];
  });
}

/** Lines that are neither blank nor only a comment. */
function codeLines(text) {
  return text.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !/^(\/\/|\/\*|\*)/.test(trimmed);
  }).length;
}

/** `.<underscore name>` outside MCP's own `_meta`, as packages/core's no-private-members test reads it. */
function privateMemberAccesses(text) {
  return [...text.matchAll(/\.\s*_[A-Za-z]\w*/g)].filter((match) => !/^\.\s*_meta\b/.test(match[0]))
    .length;
}

export function measureSessionCode() {
  const files = SESSION_DIRECTORIES.flatMap(filesUnder).map((path) => {
    const text = readFileSync(path, 'utf8');
    return {
      file: relative(REPOSITORY, path),
      lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
      codeLines: codeLines(text),
    };
  });
  const shipped = ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(REPOSITORY, group)).flatMap((project) => {
      try {
        return filesUnder(join(REPOSITORY, group, project, 'src'));
      } catch {
        return [];
      }
    }),
  );
  return {
    linesAtIssue: SESSION_LINES_AT_ISSUE,
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    codeLines: files.reduce((sum, file) => sum + file.codeLines, 0),
    files: files.sort((a, b) => b.lines - a.lines),
    sourceFilesScanned: shipped.length,
    privateMemberAccesses: shipped.reduce(
      (sum, path) => sum + privateMemberAccesses(readFileSync(path, 'utf8')),
      0,
    ),
  };
}
