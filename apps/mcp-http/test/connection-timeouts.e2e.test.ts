import { holdConnection as hold, trickle } from '@infisical/mcp-test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { runHttpBin } from './support/spawn-http-server.js';

// How the server times out slow and idle clients is tested in-process in packages/transport-http
// (connection-timeouts.test.ts); here, that the binary's flags reach it.
const HEADERS_TIMEOUT_S = 1;
const READ_TIMEOUT_S = 2;
const KEEP_ALIVE_S = 1;
/** Node checks the headers and request timeouts every quarter of the headers timeout here. */
const SLACK_MS = 1000;
/** Node keeps an idle keep-alive socket 1 s past the timeout it announces, for clients' races. */
const KEEP_ALIVE_BUFFER_MS = 1000;

describe('connection timeouts (--headers-timeout, --request-read-timeout, --keep-alive-timeout)', () => {
  let running: ServerAgainstSandbox;
  let port: number;

  beforeAll(async () => {
    running = await startServerAgainstSandbox([
      '--headers-timeout',
      String(HEADERS_TIMEOUT_S),
      '--request-read-timeout',
      String(READ_TIMEOUT_S),
      '--keep-alive-timeout',
      String(KEEP_ALIVE_S),
    ]);
    port = Number(new URL(running.server.baseUrl).port);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('applies each of the three flags to the server', async () => {
    // Each flag given its own value, so one wired to another's place shows.
    const silent = await hold(port);
    const slowBody = await hold(port);
    slowBody.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`,
    );
    trickle(slowBody.socket, ' ', 100);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const served = await hold(port);
    served.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );

    expect(await silent.closedAfter).toBeLessThan(HEADERS_TIMEOUT_S * 1000 + SLACK_MS);
    const idleClosedAfter = await served.closedAfter;
    expect(served.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(served.received().toLowerCase()).toContain(`keep-alive: timeout=${KEEP_ALIVE_S}`);
    expect(idleClosedAfter).toBeGreaterThan(KEEP_ALIVE_S * 1000 - 100);
    expect(idleClosedAfter).toBeLessThan(KEEP_ALIVE_S * 1000 + KEEP_ALIVE_BUFFER_MS + SLACK_MS);
    const readClosedAfter = await slowBody.closedAfter;
    expect(readClosedAfter).toBeGreaterThan(READ_TIMEOUT_S * 1000 - 100);
    expect(readClosedAfter).toBeLessThan(READ_TIMEOUT_S * 1000 + SLACK_MS);
  });
});

describe('connection timeout settings', () => {
  it('defaults close a slow or idle connection within 60 s', () => {
    const help = runHttpBin(['--help']).stdout.split('\n');
    const fallback = (flag: string, env: string) => {
      const line = help.find((text) => text.startsWith(`  --${flag} `));
      expect(line, flag).toContain(env);
      return Number(/\(default (\d+)\)/.exec(line ?? '')?.[1]);
    };
    const headers = fallback('headers-timeout', 'INFISICAL_MCP_HEADERS_TIMEOUT_SECONDS');
    const read = fallback('request-read-timeout', 'INFISICAL_MCP_REQUEST_READ_TIMEOUT_SECONDS');
    const keepAlive = fallback('keep-alive-timeout', 'INFISICAL_MCP_KEEP_ALIVE_TIMEOUT_SECONDS');
    // Node checks the first two every quarter of the headers timeout, at most every 5 s.
    const check = Math.min(5, headers / 4);
    expect(headers + check).toBeLessThanOrEqual(60);
    expect(read + check).toBeLessThanOrEqual(60);
    expect(keepAlive + KEEP_ALIVE_BUFFER_MS / 1000).toBeLessThanOrEqual(60);
  });

  it('refuses a headers timeout longer than the request read timeout, naming both', () => {
    const run = runHttpBin(['--headers-timeout', '40', '--request-read-timeout', '30']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--headers-timeout (40) must not exceed --request-read-timeout');
  });
});
