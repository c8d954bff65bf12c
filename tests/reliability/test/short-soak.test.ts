import { expect, it } from 'vitest';
import { runSoak } from '../src/run-soak.mjs';

// The default test run's version of `pnpm soak`: 10 sessions over every transport for 15 s.
it('serves 10 sessions of mixed reads and writes for 15 s without a failure or a lost write', async () => {
  // A small heap makes the bound visible in 15 s: V8 collects lazily, so an uncapped server's
  // memory climbs for minutes before it levels off; a leak under this cap would crash it instead.
  const report = await runSoak({
    sessions: 10,
    durationMs: 15_000,
    thinkMs: 20,
    windows: 3,
    serverNodeOptions: ['--max-old-space-size=64'],
  });
  expect(report.errors).toEqual([]);
  expect(report.totals).toMatchObject({
    failed: 0,
    lostWrites: 0,
    unexpectedKeys: 0,
    healthAfter: 200,
  });
  expect(report.totals.writesAcknowledged).toBeGreaterThan(50);
  expect(report.totals.keysChecked).toBeGreaterThan(40);
  // The heap cap is what catches a leak (the server crashes and the checks above fail). On a
  // slow 2-core machine running every package's tests at once, the server's RSS still settles
  // after the first half of these 15 s: 22-23 MiB of growth there, 4-9 MiB alone or beside one
  // busy core, before and after the same change.
  expect(report.memory.growthMiB).toBeLessThan(32);
  process.stdout.write(`short soak: ${JSON.stringify({ ...report.totals, ...report.memory })}\n`);
}, 45_000);
