import { defineConfig } from 'tsup';
import { thirdPartyNotices } from '../../scripts/third-party-notices.mjs';

// The published bin is one self-contained bundle: `npx @infisical/mcp-http` installs no dependencies
// and starts without resolving hundreds of files. The sandbox is a separate chunk, loaded only
// with --sandbox.
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  bundle: true,
  noExternal: [/.*/],
  minify: false,
  sourcemap: false,
  clean: true,
  esbuildPlugins: [thirdPartyNotices()],
  banner: {
    // Bundled CommonJS dependencies (pino) call require() for Node built-ins.
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
