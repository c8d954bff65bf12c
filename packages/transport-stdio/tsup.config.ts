import { defineConfig } from 'tsup';
import { thirdPartyNotices } from '../../scripts/third-party-notices.mjs';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  esbuildPlugins: [thirdPartyNotices()],
});
