import { connect, type Socket } from 'node:net';

/** A raw TCP connection held open the way a slow client holds it, to time the server's hold. */
export interface HeldConnection {
  socket: Socket;
  /** Everything the server sent so far, as text. */
  received: () => string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfter: Promise<number>;
}

/** Opens a raw connection to 127.0.0.1:`port` and resolves once it is connected. */
export function holdConnection(port: number): Promise<HeldConnection> {
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
export function trickle(socket: Socket, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) clearInterval(timer);
    else socket.write(chunk);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}
