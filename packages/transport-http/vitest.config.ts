import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // The in-process tests import the server, the sandbox and the SDK: loaded once per worker
    // rather than once per file, the package's tests take a third of the CPU. No test leaves
    // state behind in a module (each builds its own server; fake clocks are put back).
    isolate: false,
  },
});
