import { setTimeout as sleep } from 'node:timers/promises';
import { holdConnection as hold, trickle } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeyAuth, bearer } from './support/api-keys.js';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';

// Slow clients once held every file descriptor: with 256 of them, unauthenticated slow bodies
// made the server reset every new connection. Each test here holds a connection the way such a
// client does, over a raw socket to a listening port, and times how long the server keeps it.
// The tests only wait on timers, so they run side by side: the file takes its longest test.
const KEY = 'timeouts-key-0123456789';
const HEADERS_TIMEOUT_MS = 1000;
const READ_TIMEOUT_MS = 2000;
const KEEP_ALIVE_MS = 1000;
/** Node checks the headers and request timeouts every quarter of the headers timeout here. */
const SLACK_MS = 1000;
/** Node keeps an idle keep-alive socket 1 s past the timeout it announces, for clients' races. */
const KEEP_ALIVE_BUFFER_MS = 1000;

describe.concurrent('connection timeouts (headersTimeoutMs, requestReadTimeoutMs, keepAliveTimeoutMs)', () => {
  let running: InfisicalInProcess;
  let port: number;
  let websocketPort: number;

  beforeAll(async () => {
    running = await startInfisicalInProcess({
      auth: apiKeyAuth({ timeouts: KEY }),
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestReadTimeoutMs: READ_TIMEOUT_MS,
      keepAliveTimeoutMs: KEEP_ALIVE_MS,
    });
    port = Number(new URL(running.baseUrl).port);
    websocketPort = Number(new URL(running.websocketUrl).port);
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
      expect(await held.closedAfter).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
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

  it('closes an authenticated request whose body trickles past requestReadTimeoutMs', async () => {
    const held = await hold(port);
    held.socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nauthorization: Bearer ${KEY}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`,
    );
    trickle(held.socket, ' ', 100);
    const closedAfter = await held.closedAfter;
    expect(closedAfter).toBeGreaterThan(READ_TIMEOUT_MS - 100);
    expect(closedAfter).toBeLessThan(READ_TIMEOUT_MS + SLACK_MS);
  });

  it('closes a keep-alive connection idle past keepAliveTimeoutMs, and one that stays after a 401', async () => {
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
    expect(idleClosedAfter).toBeGreaterThan(KEEP_ALIVE_MS - 100);
    expect(idleClosedAfter).toBeLessThan(KEEP_ALIVE_MS + KEEP_ALIVE_BUFFER_MS + SLACK_MS);
    expect(refused.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(await refused.closedAfter).toBeLessThan(500);
  });

  it('keeps SSE streams, WebSockets and Streamable HTTP sessions working well past every timeout', async () => {
    const headers = bearer(KEY);
    const sse = new Client({ name: 'timeouts', version: '1.0.0' });
    await sse.connect(
      new SSEClientTransport(new URL(`${running.baseUrl}/sse`), { requestInit: { headers } }),
    );
    const streamable = new Client({ name: 'timeouts', version: '1.0.0' });
    const streamableTransport = new StreamableHTTPClientTransport(
      new URL(`${running.baseUrl}/mcp`),
      { requestInit: { headers } },
    );
    await streamable.connect(streamableTransport);
    const socket = new WebSocket(running.websocketUrl, 'mcp', { headers });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    let websocketClosed = false;
    socket.once('close', () => {
      websocketClosed = true;
    });

    await sleep(READ_TIMEOUT_MS + HEADERS_TIMEOUT_MS + KEEP_ALIVE_MS + SLACK_MS);

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
  });
});
