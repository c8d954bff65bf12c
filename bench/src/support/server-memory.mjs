import { residentBytes } from './machine.mjs';
import { median } from './statistics.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The memory of a server process, read the same way wherever the bench compares it: after
 * `settleMs` (for the server's own timers to let go of what they hold), garbage collection when
 * an inspector is connected, then the median of five RSS readings.
 */
export async function sampleServerMemory({ pid, inspector, settleMs = 0 }) {
  await sleep(settleMs);
  // Twice: the second pass frees what finalizers of the first released. Then let the allocator
  // settle before reading RSS.
  if (inspector) {
    await inspector.collectGarbage();
    await inspector.collectGarbage();
  }
  await sleep(500);
  const rss = [];
  for (let i = 0; i < 5; i++) {
    rss.push(residentBytes(pid));
    await sleep(100);
  }
  return {
    rssBytes: median(rss),
    heapUsedBytes: inspector ? await inspector.heapUsedBytes() : undefined,
  };
}
