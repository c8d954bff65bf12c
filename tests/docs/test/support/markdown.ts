import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export function readRepoFile(path: string): string {
  return readFileSync(`${REPO_ROOT}${path}`, 'utf8');
}

/** The text of a section, up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  // A `# comment` in a shell block is no heading.
  let inFence = false;
  const headingLevel = lines.map((line) => {
    if (line.startsWith('```')) inFence = !inFence;
    return !inFence && /^#+ /.test(line) ? (line.match(/^#+/)?.[0].length ?? 0) : 0;
  });
  const start = lines.findIndex(
    (line, index) => headingLevel[index] && line.replace(/^#+ /, '') === heading,
  );
  if (start === -1) throw new Error(`no section "${heading}"`);
  const level = headingLevel[start] ?? 0;
  const end = headingLevel.findIndex((found, index) => index > start && found && found <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
}

/** The fenced code blocks of a language, in order. */
export function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
    .filter(([, lang]) => lang === language)
    .map(([, , body]) => body ?? '');
}
