import { defineConfig } from 'tsup';
import { thirdPartyNotices } from '../../scripts/third-party-notices.mjs';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  target: 'node20',
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  esbuildPlugins: [thirdPartyNotices()],
});
