import { readFileSync } from 'node:fs';
import { openPausedSseStream } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { metricValue, rawRequest } from './support/raw-http.js';
import { expectPingAnswered, openRawSocket } from './support/raw-websocket.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

// How the server handles clients that cancel, vanish, stop reading, go half-open or sit on
// thousands of sessions is tested in-process in packages/transport-http (client-faults.test.ts);
// here, that the binary's --ws-ping-interval-ms and --max-buffered-bytes reach it.

/** Small, so a test needs little output to show the bound. */
const MAX_BUFFERED_BYTES = 256 * 1024;

let running: ServerAgainstSandbox;

beforeAll(async () => {
  running = await startServerAgainstSandbox([
    '--max-buffered-bytes',
    String(MAX_BUFFERED_BYTES),
    '--ws-ping-interval-ms',
    '200',
  ]);
});

afterAll(async () => {
  await running?.close();
});

async function metric(name: string, labels: Record<string, string> = {}): Promise<number> {
  const exposition = (await rawRequest(`${running.server.baseUrl}/metrics`)).body;
  return metricValue(exposition, name, labels) ?? 0;
}

/** Resident memory of the server process in MiB (Linux), or undefined elsewhere. */
function serverRssMiB(pid = running.server.child.pid): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
  } catch {
    return undefined;
  }
}

describe('client faults (--ws-ping-interval-ms, --max-buffered-bytes)', () => {
  it('drops a WebSocket peer that stops answering pings, after about two intervals', async () => {
    const websocketUrl = running.server.websocketUrl as string;
    const sessions = () => metric('mcp_active_sessions', { transport: 'websocket' });
    const healthy = await openRawSocket(websocketUrl);
    // A peer whose network vanished: it never answers a ping again.
    const silent = new WebSocket(websocketUrl, 'mcp', { autoPong: false });
    silent.on('error', () => {});
    await new Promise((resolve) => silent.once('open', resolve));
    await expect.poll(sessions, { timeout: 2_000 }).toBe(2);
    // The default interval (30 s) would keep it far longer than this.
    await expect.poll(sessions, { timeout: 3_000, interval: 100 }).toBe(1);
    await expectPingAnswered(healthy, 1);
    healthy.socket.close();
  });

  it('closes a legacy SSE client that stops reading its stream, with bounded memory', async () => {
    const droppedBefore = await metric('mcp_slow_readers_dropped_total');
    const rssBefore = serverRssMiB();
    const { endpoint, response } = await openPausedSseStream(running.server.baseUrl);
    const post = (id: number) =>
      rawRequest(new URL(endpoint, running.server.baseUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' }),
      });
    await post(0);
    let id = 1;
    const stopAt = Date.now() + 10_000;
    while (Date.now() < stopAt) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => post(id++)));
      if (answers.some((answer) => answer.status !== 202)) break;
      if ((await metric('mcp_slow_readers_dropped_total')) > droppedBefore) break;
    }
    expect(await metric('mcp_slow_readers_dropped_total')).toBe(droppedBefore + 1);
    const rssAfter = serverRssMiB();
    if (rssBefore !== undefined && rssAfter !== undefined) {
      expect(rssAfter - rssBefore).toBeLessThan(100);
    }
    response.destroy();
  });
});
