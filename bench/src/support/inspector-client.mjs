import { WebSocket } from 'ws';

/**
 * A minimal Chrome DevTools Protocol client for a child started with --inspect, so the bench can
 * collect garbage in it before reading its memory: without that, RSS carries whatever garbage
 * the last requests left behind and per-session numbers swing by megabytes.
 */
export async function connectInspector(webSocketDebuggerUrl) {
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    settle(message);
  });
  let nextId = 1;
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in 30 s`)), 30_000);
      pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    collectGarbage: () => send('HeapProfiler.collectGarbage'),
    heapUsedBytes: async () => (await send('Runtime.getHeapUsage')).usedSize,
    close: () => socket.close(),
  };
}

/** The inspector's WebSocket URL, from the "Debugger listening on ws://…" line on stderr. */
export function inspectorUrlIn(stderr) {
  return /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
}
