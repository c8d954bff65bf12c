import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { WebSocket } from 'ws';

export interface InjectedSocket {
  socket: WebSocket;
  /** Resolves with the next text frame from the server, parsed. */
  nextMessage(): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
  /**
   * Drops the connection. A close handshake over injectWS's streams leaves the server's side
   * open until ws's 30-second close timeout, counted as a session all that time.
   */
  close(): void;
}

/**
 * What a client on this machine sends with an upgrade. injectWS builds the request by hand
 * and gives it no socket, while the server's hooks read the peer's (its address, its write
 * buffer): an unconnected one stands in. The frames themselves go through injectWS's streams.
 */
function upgradeContext(headers: Record<string, string>) {
  return {
    socket: new Socket(),
    headers: { host: 'localhost', 'sec-websocket-protocol': 'mcp', ...headers },
  };
}

/**
 * How an upgrade with these headers ends, without a network socket: 'opened', or the HTTP
 * status the server refused it with.
 */
export async function injectedHandshake(
  app: FastifyInstance,
  path: string,
  headers: Record<string, string> = {},
): Promise<number | 'opened'> {
  try {
    const socket = await app.injectWS(path, upgradeContext(headers));
    socket.terminate();
    return 'opened';
  } catch (error) {
    const status = /Unexpected server response: (\d+)/.exec((error as Error).message);
    if (!status) throw error;
    return Number(status[1]);
  }
}

/** A WebSocket speaking subprotocol `mcp` by hand, to send what the SDK client never would. */
export async function openInjectedSocket(
  app: FastifyInstance,
  path: string,
  headers: Record<string, string> = {},
): Promise<InjectedSocket> {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  const socket = await app.injectWS(path, upgradeContext(headers));
  socket.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false);
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return {
    socket,
    closed,
    close: () => socket.terminate(),
    nextMessage: () => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message from the server')), 3000);
        waiting.push((message) => {
          clearTimeout(timer);
          resolve(message);
        });
      });
    },
  };
}

/** A ping must still be answered: proof the connection survived what came before. */
export async function expectPingAnswered(raw: InjectedSocket, id: number): Promise<void> {
  raw.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }));
  expect(await raw.nextMessage()).toEqual({ jsonrpc: '2.0', id, result: {} });
}
