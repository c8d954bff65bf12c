import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface PublishablePackage {
  name: string;
  /** Relative to the repository root; also the manifest's `repository.directory`. */
  directory: string;
  /** Libraries have an entry point and types; apps are bins only (self-contained bundles). */
  kind: 'library' | 'app';
  bins: string[];
}

export const PUBLISHABLE_PACKAGES: readonly PublishablePackage[] = [
  { name: '@infisical/mcp-core', directory: 'packages/core', kind: 'library', bins: [] },
  {
    name: '@infisical/mcp-transport-stdio',
    directory: 'packages/transport-stdio',
    kind: 'library',
    bins: [],
  },
  {
    name: '@infisical/mcp-transport-http',
    directory: 'packages/transport-http',
    kind: 'library',
    bins: [],
  },
  {
    name: '@infisical/mcp-sandbox',
    directory: 'packages/sandbox',
    kind: 'library',
    bins: ['infisical-mcp-sandbox'],
  },
  { name: '@infisical/mcp', directory: 'apps/mcp-cli', kind: 'app', bins: ['infisical-mcp'] },
  {
    name: '@infisical/mcp-http',
    directory: 'apps/mcp-http',
    kind: 'app',
    bins: ['infisical-mcp-http'],
  },
];

export const REPOSITORY_URL = 'https://github.com/Infisical/infisical-mcp-server';

export function readRepoJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(`${REPO_ROOT}${relativePath}`, 'utf8')) as T;
}

/** The pnpm release the repository pins, so packing converts `workspace:*` as a release would. */
export function pinnedPnpmVersion(): string {
  const root = readRepoJson<{ devEngines: { packageManager: { version: string } } }>(
    'package.json',
  );
  return root.devEngines.packageManager.version;
}

/**
 * How to run the pinned pnpm. Under `pnpm test` that is the pnpm running this test, which pnpm
 * names in `npm_execpath` (a native binary in pnpm 12, a script in older releases). Only a run outside
 * pnpm (`npx vitest run`, or another pnpm release) leaves npx to fetch it: npx started from a
 * pnpm script depends on npm finding the registry's certificate authority, which a Node binary
 * installed from npm (`npx -p node@22`) does not see in the system's npm config.
 */
export function pinnedPnpm(): { command: string; args: string[] } {
  const version = pinnedPnpmVersion();
  const execPath = process.env.npm_execpath;
  const runningPnpm = process.env.npm_config_user_agent?.startsWith(`pnpm/${version} `);
  if (!runningPnpm || !execPath) return { command: 'npx', args: ['--yes', `pnpm@${version}`] };
  return /\.[cm]?js$/.test(execPath)
    ? { command: process.execPath, args: [execPath] }
    : { command: execPath, args: [] };
}
