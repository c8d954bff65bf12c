import type { Socket } from 'node:net';

const GUARDED = Symbol('slow-reader-guard');

/**
 * Bounds what the server buffers for a peer that stops reading. Node queues every write a socket
 * cannot send yet, without limit: one client that pipelines requests over a WebSocket or an SSE
 * stream and never reads the answers would grow the server's memory until it fell over. When a
 * write comes while more than `limitBytes` are still unsent, the connection is closed instead,
 * and `onDrop` is told. One large write on a socket that is keeping up is always accepted.
 */
export function guardSlowReader(socket: Socket, limitBytes: number, onDrop: () => void): void {
  const guarded = socket as Socket & { [GUARDED]?: true };
  if (guarded[GUARDED]) return;
  guarded[GUARDED] = true;
  const write = socket.write;
  socket.write = function guardedWrite(this: Socket, ...args: unknown[]) {
    if (socket.writableLength > limitBytes && !socket.destroyed) {
      onDrop();
      socket.destroy();
      return false;
    }
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as Socket['write'];
}
