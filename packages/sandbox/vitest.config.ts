import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The bin tests spawn Node processes: on a slow 2-core machine running every package's tests
  // at once, a spawn alone has taken over vitest's default 5 s.
  test: { include: ['test/**/*.test.ts'], testTimeout: 20_000 },
});
