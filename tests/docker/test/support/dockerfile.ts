/**
 * A parser for the subset of Dockerfile syntax docker/Dockerfile uses. Anything outside that
 * subset (another instruction, an unknown flag) throws: the replay must not quietly skip a step
 * that would change the image.
 */
import { posix } from 'node:path';

const KNOWN_KEYWORDS = [
  'FROM',
  'ENV',
  'WORKDIR',
  'COPY',
  'RUN',
  'USER',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'CMD',
] as const;
export type DockerfileKeyword = (typeof KNOWN_KEYWORDS)[number];

/** Flags each instruction may carry; other flags change semantics the replay does not model. */
const KNOWN_FLAGS: Partial<Record<DockerfileKeyword, string[]>> = {
  COPY: ['from'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export interface DockerfileInstruction {
  keyword: DockerfileKeyword;
  flags: Record<string, string>;
  /** The text after the keyword and its flags. */
  arguments: string;
  /** 1-based line where the instruction starts, for messages. */
  line: number;
}

export interface DockerfileStage {
  name: string;
  baseImage: string;
  instructions: DockerfileInstruction[];
}

export interface CopyInstruction {
  fromStage?: string;
  sources: string[];
  destination: string;
}

export interface Healthcheck {
  options: Record<string, string>;
  command: string[];
}

/** What `docker inspect` would show of a stage, had it been built. */
export interface ImageConfig {
  env: Record<string, string>;
  workdir: string;
  user?: string;
  exposedPorts: number[];
  labels: Record<string, string>;
  healthcheck?: Healthcheck;
  cmd?: string[];
}

export class DockerfileSyntaxError extends Error {
  constructor(line: number, message: string) {
    super(`Dockerfile line ${line}: ${message}`);
    this.name = 'DockerfileSyntaxError';
  }
}

export function parseDockerfile(text: string): DockerfileStage[] {
  const stages: DockerfileStage[] = [];
  for (const { line, text: logicalLine } of logicalLines(text)) {
    const match = /^(\S+)\s*(.*)$/s.exec(logicalLine);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    if (!isKnownKeyword(keyword)) {
      throw new DockerfileSyntaxError(line, `the replay does not know the instruction ${keyword}`);
    }
    const { flags, rest } = takeFlags(keyword, match[2] ?? '', line);
    const instruction: DockerfileInstruction = { keyword, flags, arguments: rest, line };

    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from) throw new DockerfileSyntaxError(line, `cannot read FROM ${rest}`);
      const baseImage = from[1] ?? '';
      if (stages.some((stage) => stage.name === baseImage)) {
        throw new DockerfileSyntaxError(line, 'FROM an earlier stage is not replayed');
      }
      stages.push({ name: from[2] ?? String(stages.length), baseImage, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new DockerfileSyntaxError(line, `${keyword} before the first FROM`);
    stage.instructions.push(instruction);
  }
  if (stages.length === 0) throw new DockerfileSyntaxError(1, 'no FROM');
  return stages;
}

/** Joins `\` continuations and drops comments and blank lines, as Docker does. */
function logicalLines(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | undefined;
  text.split('\n').forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    // Docker removes comment lines even inside a continuation.
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const continues = trimmed.endsWith('\\');
    const content = continues ? trimmed.slice(0, -1) : trimmed;
    pending = pending
      ? { line: pending.line, text: `${pending.text} ${content}` }
      : { line: index + 1, text: content };
    if (!continues) {
      result.push(pending);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result;
}

function isKnownKeyword(keyword: string): keyword is DockerfileKeyword {
  return (KNOWN_KEYWORDS as readonly string[]).includes(keyword);
}

function takeFlags(
  keyword: DockerfileKeyword,
  text: string,
  line: number,
): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = text.trim();
  for (let flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); flag; ) {
    const name = flag[1] ?? '';
    if (!KNOWN_FLAGS[keyword]?.includes(name)) {
      throw new DockerfileSyntaxError(line, `the replay does not know ${keyword} --${name}`);
    }
    flags[name] = flag[2] ?? '';
    rest = rest.slice(flag[0].length);
    flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest);
  }
  return { flags, rest };
}

/**
 * Splits shell-like words: quotes group and are removed, a backslash escapes the next character.
 * Enough for ENV, LABEL and COPY arguments; no variable expansion.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (quote) {
      if (character === quote) quote = undefined;
      else if (character === '\\' && quote === '"' && index + 1 < text.length) {
        word += text[++index];
      } else word += character;
    } else if (character === '"' || character === "'") {
      quote = character;
      inWord = true;
    } else if (character === '\\' && index + 1 < text.length) {
      word += text[++index];
      inWord = true;
    } else if (/\s/.test(character)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += character;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated quote in: ${text}`);
  if (inWord) words.push(word);
  return words;
}

/** `ENV a=b c="d e"` (and the legacy `ENV a b`); the same syntax serves LABEL. */
export function parseKeyValues(instruction: DockerfileInstruction): [string, string][] {
  const words = splitWords(instruction.arguments);
  const [first] = words;
  if (first !== undefined && !first.includes('=')) {
    return [[first, instruction.arguments.trim().slice(first.length).trim()]];
  }
  return words.map((word) => {
    const separator = word.indexOf('=');
    if (separator <= 0) {
      throw new DockerfileSyntaxError(instruction.line, `expected NAME=value, got ${word}`);
    }
    const value = word.slice(separator + 1);
    if (instruction.keyword === 'ENV' && value.includes('$')) {
      throw new DockerfileSyntaxError(instruction.line, 'the replay does not expand $variables');
    }
    return [word.slice(0, separator), value];
  });
}

/** The exec form (a JSON array) as is; the shell form runs under `/bin/sh -c`, as in Docker. */
export function commandOf(text: string, line: number): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return ['/bin/sh', '-c', trimmed];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new DockerfileSyntaxError(line, `invalid exec form: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new DockerfileSyntaxError(line, 'the exec form must be an array of strings');
  }
  return parsed;
}

export function parseCopy(instruction: DockerfileInstruction): CopyInstruction {
  const trimmed = instruction.arguments.trim();
  const paths = trimmed.startsWith('[')
    ? commandOf(trimmed, instruction.line)
    : splitWords(trimmed);
  const destination = paths.at(-1);
  if (paths.length < 2 || destination === undefined) {
    throw new DockerfileSyntaxError(instruction.line, 'COPY needs a source and a destination');
  }
  for (const source of paths.slice(0, -1)) {
    if (/[*?[]/.test(source)) {
      throw new DockerfileSyntaxError(instruction.line, `the replay does not expand ${source}`);
    }
  }
  return { fromStage: instruction.flags.from, sources: paths.slice(0, -1), destination };
}

export function parseHealthcheck(instruction: DockerfileInstruction): Healthcheck | undefined {
  const match = /^(CMD|NONE)\b\s*(.*)$/is.exec(instruction.arguments);
  if (!match) throw new DockerfileSyntaxError(instruction.line, 'HEALTHCHECK needs CMD or NONE');
  if ((match[1] ?? '').toUpperCase() === 'NONE') return undefined;
  return { options: instruction.flags, command: commandOf(match[2] ?? '', instruction.line) };
}

/** Resolves WORKDIR and COPY destinations, which may be relative to the current WORKDIR. */
export function resolveImagePath(workdir: string, path: string): string {
  const absolute = path.startsWith('/') ? path : `${workdir.replace(/\/$/, '')}/${path}`;
  const segments: string[] = [];
  for (const segment of absolute.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** The stage's configuration after its last instruction (base image settings not included). */
export function imageConfigOf(stage: DockerfileStage): ImageConfig {
  const config: ImageConfig = { env: {}, workdir: '/', exposedPorts: [], labels: {} };
  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case 'ENV':
        Object.assign(config.env, Object.fromEntries(parseKeyValues(instruction)));
        break;
      case 'LABEL':
        Object.assign(config.labels, Object.fromEntries(parseKeyValues(instruction)));
        break;
      case 'WORKDIR':
        config.workdir = resolveImagePath(config.workdir, instruction.arguments.trim());
        break;
      case 'USER':
        config.user = instruction.arguments.trim();
        break;
      case 'EXPOSE':
        for (const port of splitWords(instruction.arguments)) {
          config.exposedPorts.push(Number.parseInt(port, 10));
        }
        break;
      case 'HEALTHCHECK':
        config.healthcheck = parseHealthcheck(instruction);
        break;
      case 'CMD':
        config.cmd = commandOf(instruction.arguments, instruction.line);
        break;
      default:
        break;
    }
  }
  return config;
}

/**
 * Where a file of a stage comes from, followed back through COPY instructions to a path in the
 * build context's tree (repository-relative): a file of the context, or one a RUN step produced
 * there (e.g. `apps/mcp-cli/dist/main.js` under `COPY . .`). A later COPY overwrites only the
 * files it brings, so the latest COPY covering the path whose source `exists` wins. Undefined
 * when no COPY brings the file.
 */
export function traceToBuildContext(
  stages: DockerfileStage[],
  stageName: string,
  imagePath: string,
  exists: (repoPath: string) => boolean,
): string | undefined {
  return candidateOrigins(stages, stageName, imagePath).find(exists);
}

function candidateOrigins(
  stages: DockerfileStage[],
  stageName: string,
  imagePath: string,
): string[] {
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) return [];
  let workdir = '/';
  const copies: { copy: CopyInstruction; destination: string }[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'WORKDIR') {
      workdir = resolveImagePath(workdir, instruction.arguments.trim());
    }
    if (instruction.keyword === 'COPY') {
      const copy = parseCopy(instruction);
      copies.push({ copy, destination: resolveImagePath(workdir, copy.destination) });
    }
  }
  const origins: string[] = [];
  for (const { copy, destination } of copies.reverse()) {
    for (const source of copy.sources) {
      const sourceBase = copy.fromStage ? resolveImagePath('/', source) : source;
      let sourcePath: string | undefined;
      if (imagePath === destination) sourcePath = sourceBase;
      else if (imagePath.startsWith(`${destination}/`) || destination === '/') {
        const rest = imagePath.slice(destination === '/' ? 1 : destination.length + 1);
        // A file copied into a directory keeps its name; a directory's contents land in it.
        const copiedAsFile = !sourceBase.endsWith('/') && rest === posix.basename(sourceBase);
        sourcePath = copiedAsFile ? sourceBase : `${sourceBase.replace(/\/$/, '')}/${rest}`;
      }
      if (sourcePath === undefined) continue;
      if (copy.fromStage) origins.push(...candidateOrigins(stages, copy.fromStage, sourcePath));
      else origins.push(resolveImagePath('/', sourcePath).slice(1));
    }
  }
  return origins;
}
