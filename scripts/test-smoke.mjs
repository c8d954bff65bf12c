#!/usr/bin/env node
// `pnpm test:smoke`: the quick part of `pnpm test` for the Node versions CI checks besides the
// one that runs the whole suite. Each package's unit tests plus one end-to-end test per
// transport: enough to catch a Node API that changed or went away, in about a minute rather
// than six. The packages must be built (the script `test:smoke` builds them first).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folder → test files (none listed: all of them). */
const SMOKE = {
  'packages/core': [],
  'packages/transport-http': [
    'test/pure-logic.test.ts',
    'test/fastify-plugin.test.ts',
    'test/websocket.test.ts',
    'test/streamable-http.test.ts',
    'test/legacy-sse.test.ts',
  ],
  'packages/sandbox': ['test/secrets.test.ts', 'test/bin.test.ts'],
  'apps/mcp-cli': ['test/tools.e2e.test.ts'],
  'apps/mcp-http': ['test/smoke.e2e.test.ts'],
};

process.stdout.write(`test:smoke on Node ${process.version}\n`);
// The root's vitest: the packages' own are links to the same one.
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
let failed = false;
for (const [folder, files] of Object.entries(SMOKE)) {
  const run = spawnSync(process.execPath, [vitest, 'run', ...files], {
    cwd: join(root, folder),
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    process.stderr.write(`test:smoke: ${folder} failed on Node ${process.version}\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
