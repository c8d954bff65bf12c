import { expect } from 'vitest';
import { WebSocket } from 'ws';

/** A WebSocket speaking subprotocol `mcp` by hand, to send what the SDK client never would. */
export interface FramedSocket {
  socket: WebSocket;
  /** Resolves with the next text frame from the server, parsed. */
  nextMessage(): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Reads the text frames `socket` receives from now on, in order. */
export function readFrames(socket: WebSocket): FramedSocket {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
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

/**
 * The same over a real connection to a listening port (ws://…), for what injectWS's streams
 * cannot show: a client that stops reading its TCP socket, or never answers a ping.
 */
export async function openListeningSocket(
  url: string,
  options: { autoPong?: boolean } = {},
): Promise<FramedSocket> {
  const socket = new WebSocket(url, 'mcp', options);
  const framed = readFrames(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return framed;
}

/** A ping must still be answered: proof the connection survived what came before. */
export async function expectPingAnswered(raw: FramedSocket, id: number): Promise<void> {
  raw.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' }));
  expect(await raw.nextMessage()).toEqual({ jsonrpc: '2.0', id, result: {} });
}
