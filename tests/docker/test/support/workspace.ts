import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const DOCKER_DIRECTORY = join(REPO_ROOT, 'docker');
export const DOCKERFILE_PATH = join(DOCKER_DIRECTORY, 'Dockerfile');
/** BuildKit reads `<Dockerfile>.dockerignore` next to the Dockerfile before a root .dockerignore. */
export const DOCKERIGNORE_PATH = `${DOCKERFILE_PATH}.dockerignore`;
export const COMPOSE_PATH = join(DOCKER_DIRECTORY, 'docker-compose.yml');
export const DOCKER_README_PATH = join(DOCKER_DIRECTORY, 'README.md');

export interface WorkspaceBin {
  packageName: string;
  version: string;
  /** Absolute path of the built bin. */
  path: string;
  /** The same, relative to the repository root with `/` separators. */
  repoPath: string;
}

const require = createRequire(import.meta.url);

/** The single bin of a workspace app, found through this package's workspace dependency. */
export function workspaceBin(packageName: '@infisical/mcp' | '@infisical/mcp-http'): WorkspaceBin {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };
  const binPaths = Object.values(manifest.bin);
  if (binPaths.length !== 1 || binPaths[0] === undefined) {
    throw new Error(`${packageName} should declare exactly one bin`);
  }
  const path = join(dirname(manifestPath), binPaths[0]);
  return {
    packageName,
    version: manifest.version,
    path,
    repoPath: relative(REPO_ROOT, path).split(sep).join('/'),
  };
}

/**
 * The environment variables a built bin documents in its `--help` (the stdio bin prints it on
 * stderr, the HTTP bin on stdout): the set of names it really reads.
 */
export function environmentVariablesInHelp(bin: WorkspaceBin): Set<string> {
  const result = spawnSync(process.execPath, [bin.path, '--help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 30_000,
  });
  if (result.status !== 0) {
    throw new Error(`${bin.repoPath} --help exited with ${result.status}: ${result.stderr}`);
  }
  const help = `${result.stdout}\n${result.stderr}`;
  // REDIS_URL keeps the name every Redis client and platform uses; DEBUG is the seed's switch.
  return new Set(help.match(/\b(?:INFISICAL_[A-Z0-9_]*[A-Z0-9]|REDIS_URL|DEBUG)\b/g) ?? []);
}
