#!/usr/bin/env node
// `pnpm start -- --sandbox`: pnpm 12 hands the `--` it was given on to the script, and the
// servers (rightly) refuse it as an unexpected argument. This drops that one separator and runs
// the built entry point in this process, so signals and stdio reach the server unchanged.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-built-bin.mjs <built entry> [--] [arguments]\n');
  process.exit(1);
}
const args = rest[0] === '--' ? rest.slice(1) : rest;
const entryPath = resolve(entry);
process.argv = [process.argv[0], entryPath, ...args];
await import(pathToFileURL(entryPath).href);
