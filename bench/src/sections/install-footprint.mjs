// Install footprint: our two published packages packed with pnpm (as they would be published)
// and installed from the tarballs with npm into empty folders, against the official
// @infisical/mcp 0.0.24 installed from the npm registry the same way.
import { execFile } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { round } from '../support/statistics.mjs';

const run = promisify(execFile);
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const INSTALL_TIMEOUT_MS = 240_000;
export const OFFICIAL_SPEC = '@infisical/mcp@0.0.24';

/** The pnpm the repository pins (root devEngines), so packing matches publishing. */
function pinnedPnpm() {
  const root = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8'));
  return `pnpm@${root.devEngines?.packageManager?.version ?? 'latest'}`;
}

/** Bytes of every file (apparent size, symlinks as links) and packages under node_modules. */
function walkNodeModules(nodeModules) {
  let bytes = 0;
  let packages = 0;
  const sizeOf = (path) => {
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return stat.size;
    return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
  };
  const countPackages = (dir) => {
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(path)) countPackage(join(path, scoped));
      } else {
        countPackage(path);
      }
    }
  };
  const countPackage = (dir) => {
    if (!lstatSync(dir).isDirectory()) return;
    packages++;
    try {
      countPackages(join(dir, 'node_modules'));
    } catch {
      // no nested node_modules
    }
  };
  bytes = sizeOf(nodeModules);
  countPackages(nodeModules);
  return { bytes, packages };
}

async function npmInstallInto(dir, spec) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "footprint", "private": true }\n');
  const started = Date.now();
  await run(
    'npm',
    [
      'install',
      spec,
      '--omit=dev',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--loglevel=error',
    ],
    {
      cwd: dir,
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    },
  );
  const { bytes, packages } = walkNodeModules(join(dir, 'node_modules'));
  // Blocks actually used, as `du` reports them: many small files cost more than their bytes.
  const { stdout } = await run('du', ['-sk', join(dir, 'node_modules')]);
  const diskBytes = Number.parseInt(stdout, 10) * 1024;
  return {
    installedBytes: bytes,
    installedMB: round(bytes / 1e6, 2),
    diskMB: round(diskBytes / 1e6, 2),
    // Every package in node_modules but the one installed.
    dependencies: packages - 1,
    installSeconds: round((Date.now() - started) / 1000, 1),
  };
}

async function packWorkspacePackage(appDir, destination) {
  mkdirSync(destination, { recursive: true });
  await run('npx', ['-y', pinnedPnpm(), 'pack', '--pack-destination', destination], {
    cwd: join(REPOSITORY_ROOT, appDir),
    timeout: INSTALL_TIMEOUT_MS,
  });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${appDir}`);
  const path = join(destination, tarball);
  return { path, bytes: lstatSync(path).size };
}

export async function measureInstallFootprint({ log }) {
  const work = mkdtempSync(join(os.tmpdir(), 'infisical-mcp-footprint-'));
  const rows = [];
  try {
    for (const [name, appDir] of [
      ['@infisical/mcp', 'apps/mcp-cli'],
      ['@infisical/mcp-http', 'apps/mcp-http'],
    ]) {
      const slug = appDir.split('/').pop();
      try {
        const tarball = await packWorkspacePackage(appDir, join(work, `pack-${slug}`));
        const installed = await npmInstallInto(join(work, `install-${slug}`), tarball.path);
        rows.push({
          id: slug,
          package: `${name} (this repo)`,
          tarballBytes: tarball.bytes,
          ...installed,
        });
      } catch (error) {
        rows.push({ id: slug, package: `${name} (this repo)`, error: describeFailure(error) });
      }
      log(`  footprint: ${name}`);
    }
    try {
      const installed = await npmInstallInto(join(work, 'install-official'), OFFICIAL_SPEC);
      rows.push({ id: 'official', package: `${OFFICIAL_SPEC} (official)`, ...installed });
    } catch (error) {
      rows.push({
        id: 'official',
        package: `${OFFICIAL_SPEC} (official)`,
        error: describeFailure(error),
      });
    }
    log(`  footprint: ${OFFICIAL_SPEC}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const official = rows.find((row) => row.id === 'official');
  for (const row of rows) {
    if (row.installedBytes !== undefined && official.installedBytes !== undefined) {
      row.shareOfOfficial = round(row.installedBytes / official.installedBytes, 3);
    }
  }
  return { installer: 'npm install --omit=dev', rows };
}

function describeFailure(error) {
  const stderr = String(error.stderr ?? '')
    .trim()
    .split('\n')
    .slice(-3)
    .join(' ');
  return `${error.killed ? 'timed out' : error.message.split('\n')[0]}${stderr ? `: ${stderr}` : ''}`.slice(
    0,
    400,
  );
}
