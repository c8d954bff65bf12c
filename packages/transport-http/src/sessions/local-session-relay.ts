import type { RelayedMessage, SessionRelay } from './session-store.js';

type Listener = (message: RelayedMessage) => void;

/**
 * Delivery between the parts of one process that serve a session: a GET stream hears the events
 * a POST's server stored for it, as it would through Redis with several replicas. Synchronous
 * and in memory; the events themselves are read from the memory store.
 */
export class LocalSessionRelay implements SessionRelay {
  readonly replicaId = 'local';
  private readonly listeners = new Map<string, Set<Listener>>();

  async listen(sessionId: string, onMessage: Listener): Promise<() => void> {
    let listeners = this.listeners.get(sessionId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(sessionId, listeners);
    }
    listeners.add(onMessage);
    return () => {
      const current = this.listeners.get(sessionId);
      current?.delete(onMessage);
      if (current?.size === 0) this.listeners.delete(sessionId);
    };
  }

  publish(sessionId: string, message: RelayedMessage): void {
    const listeners = this.listeners.get(sessionId);
    if (!listeners) return;
    for (const listener of [...listeners]) listener(message);
  }
}
