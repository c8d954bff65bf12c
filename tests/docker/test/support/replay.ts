import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { buildContextFiles, materializeBuildContext } from './build-context.js';
import {
  type DockerfileStage,
  type ImageConfig,
  imageConfigOf,
  parseCopy,
  parseDockerfile,
  parseKeyValues,
  resolveImagePath,
} from './dockerfile.js';

/**
 * Replays a Dockerfile on the host, without a Docker engine, in a temporary directory: each
 * stage gets a directory standing for its filesystem root, and the image paths the Dockerfile
 * itself creates (its WORKDIRs and COPY destinations, e.g. /src and /app) are mapped into it.
 *
 * What is replayed: WORKDIR, ENV, COPY (from the build context and from earlier stages) and RUN
 * (with bash, in the mapped WORKDIR, with the stage's ENV). What is not, and why:
 * - FROM: the base image's files are not reproduced. The host's `node`, `npx` and `bash` stand
 *   in for the image's; RUN may only use absolute paths the Dockerfile created, so a step that
 *   would touch the base image's files (apt-get, adduser, /usr/...) fails the replay instead of
 *   changing the host.
 * - The node images' docker-entrypoint.sh: it only prepends `node` to a command that starts with
 *   a flag, which CMD ["node", ...] does not.
 * - RUN's build cache: HOME stays the host's, so npx and pnpm reuse the host's npm cache and
 *   pnpm store where an image build would download into a layer.
 * - USER: not switched for RUN (the Dockerfile's RUN steps all run as root). For the runtime
 *   command and HEALTHCHECK, when the tests run as root, processes run as the user's uid and gid
 *   (`node` is 1000:1000 in the official node images), so the server proves it needs no write
 *   access to its own files; otherwise they run as the current, already unprivileged, user.
 * - LABEL, EXPOSE, HEALTHCHECK options: recorded, nothing to execute.
 */

export interface ReplayedStage {
  name: string;
  baseImage: string;
  /** The host directory standing for the stage's filesystem root. */
  rootfs: string;
  /** Top-level image directories the Dockerfile creates in this stage, e.g. ["app"]. */
  mappedRoots: string[];
  config: ImageConfig;
}

export interface ReplayStep {
  stage: string;
  line: number;
  instruction: string;
  milliseconds: number;
}

export interface ReplayedImage {
  stages: ReplayedStage[];
  /** The last stage: what `docker build` tags as the image. */
  runtime: ReplayedStage;
  steps: ReplayStep[];
  contextFiles: string[];
}

export interface ReplayOptions {
  dockerfileText: string;
  dockerignoreText: string;
  repoRoot: string;
  /** An empty directory that will hold the build context and the stages' roots. */
  workDirectory: string;
}

export async function replayDockerfile(options: ReplayOptions): Promise<ReplayedImage> {
  const stages = parseDockerfile(options.dockerfileText);
  // Runtime processes may run as an unprivileged user, who must be able to reach the stages.
  chmodSync(options.workDirectory, 0o755);
  const contextDirectory = join(options.workDirectory, 'context');
  const contextFiles = buildContextFiles(options.repoRoot, options.dockerignoreText);
  materializeBuildContext(options.repoRoot, contextFiles, contextDirectory);

  const replayed: ReplayedStage[] = [];
  const steps: ReplayStep[] = [];
  for (const [index, stage] of stages.entries()) {
    const rootfs = join(options.workDirectory, 'stages', `${index}-${stage.name}`);
    mkdirSync(rootfs, { recursive: true });
    const current: ReplayedStage = {
      name: stage.name,
      baseImage: stage.baseImage,
      rootfs,
      mappedRoots: rootsCreatedBy(stage),
      config: imageConfigOf(stage),
    };
    await replayStage(stage, current, { contextDirectory, earlierStages: replayed, steps });
    replayed.push(current);
  }
  const runtime = replayed.at(-1);
  if (!runtime) throw new Error('no stage');
  return { stages: replayed, runtime, steps, contextFiles };
}

async function replayStage(
  stage: DockerfileStage,
  replayed: ReplayedStage,
  context: { contextDirectory: string; earlierStages: ReplayedStage[]; steps: ReplayStep[] },
): Promise<void> {
  let workdir = '/';
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    const startedAt = Date.now();
    const where = `${stage.name} stage, Dockerfile line ${instruction.line}`;
    switch (instruction.keyword) {
      case 'WORKDIR':
        workdir = resolveImagePath(workdir, instruction.arguments.trim());
        mkdirSync(hostPath(replayed, workdir), { recursive: true });
        break;
      case 'ENV':
        for (const [name, value] of parseKeyValues(instruction)) {
          env[name] = mapImagePaths(replayed, value);
        }
        break;
      case 'COPY': {
        const copy = parseCopy(instruction);
        const sourceStage = copy.fromStage
          ? context.earlierStages.find((earlier) => earlier.name === copy.fromStage)
          : undefined;
        if (copy.fromStage && !sourceStage) {
          throw new Error(`${where}: COPY --from=${copy.fromStage}: no such earlier stage`);
        }
        const destination = resolveImagePath(workdir, copy.destination);
        const intoDirectory =
          copy.destination.endsWith('/') ||
          copy.sources.length > 1 ||
          isDirectory(hostPath(replayed, destination));
        for (const source of copy.sources) {
          const from = sourceStage
            ? hostPath(sourceStage, resolveImagePath('/', source))
            : contextPath(context.contextDirectory, source, where);
          if (!existsSync(from)) {
            throw new Error(
              `${where}: COPY ${source}: not found in ${sourceStage ? `stage ${sourceStage.name}` : 'the build context'}`,
            );
          }
          const to = hostPath(replayed, destination);
          if (isDirectory(from)) {
            cpSync(from, to, { recursive: true, verbatimSymlinks: true });
          } else {
            const target = intoDirectory ? join(to, basename(from)) : to;
            mkdirSync(dirname(target), { recursive: true });
            cpSync(from, target, { verbatimSymlinks: true });
          }
        }
        break;
      }
      case 'RUN': {
        const command = mapImagePaths(replayed, instruction.arguments, { refuseUnmapped: true });
        const result = await runProcess('bash', ['-c', command], {
          cwd: hostPath(replayed, workdir),
          env: { ...hostEssentials(), ...env },
          timeoutMs: 600_000,
        });
        if (result.exitCode !== 0) {
          throw new Error(
            `${where}: RUN ${instruction.arguments} exited with ${result.exitCode}:\n${result.output.slice(-6000)}`,
          );
        }
        break;
      }
      default:
        // FROM, USER, EXPOSE, LABEL, HEALTHCHECK, CMD: configuration, read by imageConfigOf.
        break;
    }
    context.steps.push({
      stage: stage.name,
      line: instruction.line,
      instruction: `${instruction.keyword} ${instruction.arguments}`,
      milliseconds: Date.now() - startedAt,
    });
  }
}

/** Where an image path of the stage lives on the host. */
export function hostPath(stage: ReplayedStage, imagePath: string): string {
  return join(stage.rootfs, resolveImagePath('/', imagePath));
}

/**
 * Rewrites the absolute image paths in a command or value that the Dockerfile created (e.g.
 * /app/http/main.js) to their host location. With refuseUnmapped, any other absolute path is an
 * error: on the host it would mean the host's own /usr or /etc.
 */
export function mapImagePaths(
  stage: ReplayedStage,
  text: string,
  options: { refuseUnmapped?: boolean } = {},
): string {
  return text.replace(/(^|[\s"'=])(\/[^\s"';|&)]*)/g, (whole, prefix: string, path: string) => {
    const root = path.split('/')[1] ?? '';
    if (stage.mappedRoots.includes(root)) return `${prefix}${hostPath(stage, path)}`;
    if (options.refuseUnmapped) {
      throw new Error(
        `the replay cannot map ${path}: only paths under /${stage.mappedRoots.join(', /')} (created by the Dockerfile) are replayed`,
      );
    }
    return whole;
  });
}

function rootsCreatedBy(stage: DockerfileStage): string[] {
  const roots = new Set<string>();
  let workdir = '/';
  for (const instruction of stage.instructions) {
    let created: string | undefined;
    if (instruction.keyword === 'WORKDIR') {
      workdir = resolveImagePath(workdir, instruction.arguments.trim());
      created = workdir;
    } else if (instruction.keyword === 'COPY') {
      created = resolveImagePath(workdir, parseCopy(instruction).destination);
    }
    const root = created?.split('/')[1];
    if (root) roots.add(root);
  }
  return [...roots];
}

function contextPath(contextDirectory: string, source: string, where: string): string {
  const relativeSource = normalize(source.replace(/^\/+/, ''));
  if (relativeSource === '..' || relativeSource.startsWith(`..${sep}`)) {
    throw new Error(`${where}: COPY ${source} leaves the build context`);
  }
  return join(contextDirectory, relativeSource);
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * The little a build or a container needs from the host: PATH without the workspace's
 * node_modules/.bin entries (the image has none), HOME for the npm and pnpm caches, and proxy
 * settings, which Docker passes to builds too.
 */
export function hostEssentials(): Record<string, string> {
  const essentials: Record<string, string> = {
    PATH: (process.env.PATH ?? '')
      .split(':')
      .filter((entry) => entry !== '' && !entry.includes(`node_modules${sep}.bin`))
      .join(':'),
  };
  for (const name of [
    'HOME',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
  ]) {
    const value = process.env[name];
    if (value !== undefined) essentials[name] = value;
  }
  return essentials;
}

export interface ProcessResult {
  exitCode: number | null;
  output: string;
}

export function runProcess(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: Record<string, string>;
    timeoutMs: number;
    uid?: number;
    gid?: number;
  },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timeout);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timeout);
      resolve({ exitCode, output });
    });
  });
}

/** How `docker run` would run a process of the image: its ENV, WORKDIR and USER. */
export interface ContainerProcessSettings {
  cwd: string;
  env: Record<string, string>;
  uid?: number;
  gid?: number;
}

export function containerProcessSettings(
  stage: ReplayedStage,
  extraEnv: Record<string, string> = {},
): ContainerProcessSettings {
  const env: Record<string, string> = { PATH: hostEssentials().PATH ?? '' };
  for (const [name, value] of Object.entries(stage.config.env)) {
    env[name] = mapImagePaths(stage, value);
  }
  return {
    cwd: hostPath(stage, stage.config.workdir),
    env: { ...env, ...extraEnv },
    ...userIds(stage.config.user),
  };
}

/** Spawns a command of the image (CMD or a compose override) as `docker run` would. */
export function spawnInContainer(
  stage: ReplayedStage,
  command: string[],
  extraEnv: Record<string, string> = {},
): ChildProcess {
  const [executable, ...args] = command.map((part) => mapImagePaths(stage, part));
  if (executable === undefined) throw new Error('empty command');
  const settings = containerProcessSettings(stage, extraEnv);
  return spawn(executable, args, { ...settings, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs the image's HEALTHCHECK command once and returns its exit code (null: killed). */
export async function runHealthcheck(
  stage: ReplayedStage,
  extraEnv: Record<string, string> = {},
): Promise<number | null> {
  const healthcheck = stage.config.healthcheck;
  if (!healthcheck) throw new Error('the image has no HEALTHCHECK');
  const [executable, ...args] = healthcheck.command.map((part) => mapImagePaths(stage, part));
  if (executable === undefined) throw new Error('empty HEALTHCHECK command');
  const settings = containerProcessSettings(stage, extraEnv);
  const result = await runProcess(executable, args, {
    ...settings,
    timeoutMs: durationMs(healthcheck.options.timeout ?? '30s'),
  });
  return result.exitCode;
}

/** Docker durations as HEALTHCHECK takes them: 5s, 1m30s, 500ms. */
export function durationMs(duration: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * (units[unit ?? 's'] ?? 1000);
  }
  if (total === 0) throw new Error(`unreadable duration: ${duration}`);
  return total;
}

/**
 * The uid and gid to run the image's USER as. Only possible as root; an unprivileged test run
 * already is a non-root user.
 */
function userIds(user: string | undefined): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0 || user === undefined || user === 'root' || user === '0') return {};
  // The official node images create the user `node` with uid and gid 1000.
  const knownUsers: Record<string, string> = { node: '1000:1000' };
  const numeric = /^(\d+)(?::(\d+))?$/.exec(knownUsers[user] ?? user);
  if (!numeric) throw new Error(`the replay does not know the uid of USER ${user}`);
  const uid = Number(numeric[1]);
  return { uid, gid: Number(numeric[2] ?? uid) };
}
