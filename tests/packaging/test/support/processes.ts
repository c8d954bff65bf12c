import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** How to reach the registry: a user's shell may set these, and npm must keep honouring them. */
const REGISTRY_ACCESS_SETTINGS =
  /^npm_config_(registry|cache|cafile|ca|proxy|https_proxy|noproxy|strict_ssl)$/i;

/**
 * The PATH of this test with the Node running it first, so that npm and every
 * `#!/usr/bin/env node` bin run on the Node version under test, not on the first one installed.
 */
export function nodeFirstPath(): string {
  return [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
}

/**
 * The environment of this test minus what npx, pnpm and npm put there for the running script:
 * `npm_config_local_prefix` would send `npm install` into the workspace root and
 * `npm_config_package` (set by `npx -p`) would make an `npx` take its argument for a command.
 * The commands below must behave as in a user's shell, on the Node under test.
 */
export function userEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm|pnpm)_/i.test(key) && !REGISTRY_ACCESS_SETTINGS.test(key)) continue;
    environment[key] = value;
  }
  return { ...environment, PATH: nodeFirstPath(), ...extra };
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnvironment(),
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 32 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${options.cwd}: ${failure.message}\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`,
    );
  }
}

export interface LongRunningProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to its whole process group (a bin may start the server as a grandchild). */
  stop(): Promise<void>;
}

/**
 * Starts a server in its own process group and resolves with the first stdout line that
 * `parseReadyLine` accepts (returns something other than undefined).
 */
export async function startUntilReady<T>(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
  parseReadyLine: (line: string) => T | undefined,
): Promise<{ server: LongRunningProcess; ready: T }> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let pendingLine = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started: LongRunningProcess = {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };

  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${command} ${args.join(' ')} was not ready in time:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      const lines = (pendingLine + text).split('\n');
      pendingLine = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = parseReadyLine(line);
        if (parsed === undefined) continue;
        clearTimeout(timer);
        resolve(parsed);
        return;
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await started.stop();
    throw error;
  });
  return { server: started, ready };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Parses a line as a JSON object, or undefined for anything else (banners, partial lines). */
export function jsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
