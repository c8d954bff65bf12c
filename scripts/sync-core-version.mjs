// `changeset version` bumps packages/core/package.json but not the constant the server reports at
// run time (read without touching the disk, so bundles need no package.json). This copies the
// version over; core's unit test fails if the two ever differ.
import { readFileSync, writeFileSync } from 'node:fs';

const manifestUrl = new URL('../packages/core/package.json', import.meta.url);
const versionModuleUrl = new URL('../packages/core/src/version.ts', import.meta.url);

const { version } = JSON.parse(readFileSync(manifestUrl, 'utf8'));
const source = readFileSync(versionModuleUrl, 'utf8');
const declaration = /export const CORE_VERSION = '[^']*';/;
if (!declaration.test(source)) {
  throw new Error(`${versionModuleUrl.pathname}: no CORE_VERSION declaration to update`);
}
writeFileSync(
  versionModuleUrl,
  source.replace(declaration, `export const CORE_VERSION = '${version}';`),
);
process.stdout.write(`CORE_VERSION = '${version}'\n`);
