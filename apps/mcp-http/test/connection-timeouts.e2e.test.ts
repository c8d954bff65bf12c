import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeyArgs } from './support/api-key-args.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';
import { runHttpBin } from './support/spawn-http-server.js';

// Slow clients once held every file descriptor: with 256 of them, unauthenticated slow bodies
// made the server reset every new connection. Each test here holds a connection the way such a
// client does, over a raw socket, and times how long the server keeps it.
const KEY = 'timeouts-key-0123456789';
const HEADERS_TIMEOUT_S = 1;
const READ_TIMEOUT_S = 2;
const KEEP_ALIVE_S = 1;
/** Node checks the headers and request timeouts every quarter of the headers timeout here. */
const SLACK_MS = 1000;
/** Node keeps an idle keep-alive socket 1 s past the timeout it announces, for clients' races. */
const KEEP_ALIVE_BUFFER_MS = 1000;

interface HeldConnection {
  socket: Socket;
  received: () => string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfter: Promise<number>;
}

function hold(port: number): Promise<HeldConnection> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
    });
    // A reset counts as closed: the point is that the server let go.
    socket.on('error', () => {});
    const closedAfter = new Promise<number>((done) =>
      socket.once('close', () => done(performance.now() - started)),
    );
    socket.once('connect', () => resolve({ socket, received: () => received, closedAfter }));
    socket.once('error', reject);
  });
}

/** Writes `chunk` every `everyMs` until the socket closes. */
function trickle(socket: Socket, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) clearInterval(timer);
    else socket.write(chunk);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

describe('connection timeouts (--headers-timeout, --request-read-timeout, --keep-alive-timeout)', () => {
  let running: ServerAgainstSandbox;
  let port: number;
  let websocketPort: number;

  beforeAll(async () => {
    running = await startServerAgainstSandbox([
      ...apiKeyArgs({ timeouts: KEY }),
      '--headers-timeout',
      String(HEADERS_TIMEOUT_S),
      '--request-read-timeout',
      String(READ_TIMEOUT_S),
      '--keep-alive-timeout',
      String(KEEP_ALIVE_S),
    ]);
    port = Number(new URL(running.server.baseUrl).port);
    websocketPort = Number(new URL(running.server.websocketUrl as string).port);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('closes a connection that sends nothing, or its headers slowly, on both ports', async () => {
    const silent = await hold(port);
    const slowHeaders = await hold(port);
    slowHeaders.socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    trickle(slowHeaders.socket, 'x-slow: 1\r\n', 200);
    // A WebSocket handshake whose upgrade request never ends, on the second port.
    const slowUpgrade = await hold(websocketPort);
    slowUpgrade.socket.write(
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${websocketPort}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`,
    );
    trickle(slowUpgrade.socket, 'x-slow: 1\r\n', 200);
    for (const held of [silent, slowHeaders, slowUpgrade]) {
      expect(await held.closedAfter).toBeLessThan(HEADERS_TIMEOUT_S * 1000 + SLACK_MS);
    }
  });

  it('answers a slow unauthenticated body at once with 401 and Connection: close, and closes it', async () => {
    const held = await hold(port);
    held.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`,
    );
    trickle(held.socket, ' ', 100);
    const closedAfter = await held.closedAfter;
    expect(held.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(held.received().toLowerCase()).toContain('connection: close');
    expect(closedAfter).toBeLessThan(1000);
  });

  it('closes an authenticated request whose body trickles past --request-read-timeout', async () => {
    const held = await hold(port);
    held.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nauthorization: Bearer ${KEY}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`,
    );
    trickle(held.socket, ' ', 100);
    const closedAfter = await held.closedAfter;
    expect(closedAfter).toBeGreaterThan(READ_TIMEOUT_S * 1000 - 100);
    expect(closedAfter).toBeLessThan(READ_TIMEOUT_S * 1000 + SLACK_MS);
  });

  it('closes a keep-alive connection idle past --keep-alive-timeout, and one that stays after a 401', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const request = (authorization: string) =>
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${authorization}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const served = await hold(port);
    served.socket.write(request(`authorization: Bearer ${KEY}\r\n`));
    const refused = await hold(port);
    refused.socket.write(request(''));
    const idleClosedAfter = await served.closedAfter;
    expect(served.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(served.received().toLowerCase()).toContain('connection: keep-alive');
    expect(idleClosedAfter).toBeGreaterThan(KEEP_ALIVE_S * 1000 - 100);
    expect(idleClosedAfter).toBeLessThan(KEEP_ALIVE_S * 1000 + KEEP_ALIVE_BUFFER_MS + SLACK_MS);
    expect(refused.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(await refused.closedAfter).toBeLessThan(500);
  });

  it('keeps SSE streams, WebSockets and Streamable HTTP sessions working well past every timeout', async () => {
    const headers = { authorization: `Bearer ${KEY}` };
    const sse = new Client({ name: 'timeouts', version: '1.0.0' });
    await sse.connect(
      new SSEClientTransport(new URL(`${running.server.baseUrl}/sse`), {
        requestInit: { headers },
      }),
    );
    const streamable = new Client({ name: 'timeouts', version: '1.0.0' });
    const streamableTransport = new StreamableHTTPClientTransport(
      new URL(`${running.server.baseUrl}/mcp`),
      { requestInit: { headers } },
    );
    await streamable.connect(streamableTransport);
    const socket = new WebSocket(running.server.websocketUrl as string, 'mcp', { headers });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    let websocketClosed = false;
    socket.once('close', () => {
      websocketClosed = true;
    });

    await sleep((READ_TIMEOUT_S + HEADERS_TIMEOUT_S + KEEP_ALIVE_S) * 1000 + SLACK_MS);

    expect((await sse.listTools()).tools.length).toBeGreaterThan(0);
    expect((await streamable.listTools()).tools.length).toBeGreaterThan(0);
    expect(websocketClosed).toBe(false);
    const pong = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' }));
    expect(await pong).toEqual({ jsonrpc: '2.0', id: 7, result: {} });
    socket.close();
    await sse.close();
    await streamableTransport.terminateSession();
    await streamable.close();
  }, 20_000);
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
