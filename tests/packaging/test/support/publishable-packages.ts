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
export function pinnedPnpm(): string {
  const root = readRepoJson<{ devEngines: { packageManager: { version: string } } }>(
    'package.json',
  );
  return `pnpm@${root.devEngines.packageManager.version}`;
}
