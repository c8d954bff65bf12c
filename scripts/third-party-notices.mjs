// An esbuild plugin for tsup: after each build, writes dist/THIRD_PARTY_NOTICES.md naming every
// third-party package whose code esbuild put into dist/, with its licence text. The bundled apps
// carry about ninety packages' code, and their licences (MIT, ISC, BSD, Apache-2.0) ask that
// their notices travel with it; the tarball's own LICENSE covers only this project's code.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.md';

/** `…/node_modules/@scope/name/lib/x.js` → `…/node_modules/@scope/name`; undefined for our code. */
export function packageRootOf(inputPath) {
  const marker = '/node_modules/';
  const at = inputPath.lastIndexOf(marker);
  if (at === -1) return undefined;
  const [first, second] = inputPath.slice(at + marker.length).split('/');
  const name = first?.startsWith('@') ? `${first}/${second}` : first;
  return inputPath.slice(0, at + marker.length) + name;
}

function licenceText(root) {
  const files = readdirSync(root)
    .filter((file) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(file))
    .sort();
  return files.map((file) => readFileSync(join(root, file), 'utf8').trim()).join('\n\n');
}

export function renderNotices(owner, packages) {
  const rows = packages.map((pkg) => `| \`${pkg.name}\` | ${pkg.version} | ${pkg.license} |`);
  const texts = packages.map(
    (pkg) =>
      `## ${pkg.name} ${pkg.version}\n\n${
        pkg.text
          ? `\`\`\`text\n${pkg.text}\n\`\`\``
          : `Licence: ${pkg.license} (the package ships no licence file).`
      }`,
  );
  const intro =
    packages.length === 0
      ? `\`${owner}\` bundles no third-party code: its dependencies install with their own licences.`
      : `\`${owner}\` bundles code from these ${packages.length} packages into dist/. Their licences and notices follow.`;
  return [
    '# Third-party notices',
    '',
    intro,
    ...(packages.length === 0
      ? []
      : ['', '| Package | Version | Licence |', '| --- | --- | --- |', ...rows, '', ...texts]),
    '',
  ].join('\n');
}

export function thirdPartyNotices() {
  return {
    name: 'third-party-notices',
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd((result) => {
        if (!result.metafile || result.errors.length > 0) return;
        const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
        const owner = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).name;
        const roots = new Set();
        for (const input of Object.keys(result.metafile.inputs)) {
          const root = packageRootOf(resolve(cwd, input));
          if (root && !root.includes('/node_modules/@infisical/')) roots.add(root);
        }
        const packages = [...roots]
          .map((root) => {
            const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
            const license =
              typeof manifest.license === 'string'
                ? manifest.license
                : (manifest.license?.type ?? 'see its package');
            return {
              name: manifest.name,
              version: manifest.version,
              license,
              text: licenceText(root),
            };
          })
          .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
        const outDir =
          build.initialOptions.outdir ?? dirname(build.initialOptions.outfile ?? 'dist/x');
        // tsup writes the bundle after this hook: on a fresh clone the folder is not there yet.
        mkdirSync(resolve(cwd, outDir), { recursive: true });
        writeFileSync(resolve(cwd, outDir, NOTICES_FILE), renderNotices(owner, packages));
      });
    },
  };
}
