import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type FramedSocket, readFrames } from './websocket-frames.js';

export interface InjectedSocket extends FramedSocket {
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

/** A WebSocket speaking `mcp` by hand over injectWS's streams, without a network socket. */
export async function openInjectedSocket(
  app: FastifyInstance,
  path: string,
  headers: Record<string, string> = {},
): Promise<InjectedSocket> {
  const socket = await app.injectWS(path, upgradeContext(headers));
  return { ...readFrames(socket), close: () => socket.terminate() };
}
