import { randomUUID } from 'node:crypto';
import type { RelayedMessage, SessionRelay } from '../sessions/session-store.js';
import { type RedisClient, whenReady } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';
import type { EventSeal } from './sealed-value.js';

type Listener = (message: RelayedMessage) => void;

/** A stream waits this long for the subscriber connection (just started, or reconnecting). */
const SUBSCRIBER_WAIT_MS = 2_000;

/**
 * Redis pub/sub between replicas, one channel per session. A replica subscribes to a session's
 * channel only while it needs to hear from it (an open stream, a request awaiting the client's
 * reply), on one subscriber connection for all sessions. Pub/sub loses what is published while
 * nobody listens: events are stored first (a Redis stream) and read back on resume, so the
 * channel only has to carry what happens while a stream is open.
 */
export class RedisSessionRelay implements SessionRelay {
  readonly replicaId = randomUUID();
  private readonly subscriber: RedisClient;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    /** Relayed events carry what is stored, and replies what a client answered: sealed alike. */
    private readonly seal: EventSeal,
  ) {
    this.subscriber = (client as { duplicate(): RedisClient }).duplicate();
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (channel: string, payload: string) => {
      const sessionId = this.sessionOfChannel(channel);
      const listeners = sessionId === undefined ? undefined : this.listeners.get(sessionId);
      if (!listeners) return;
      const plain = this.seal.open(payload, channel);
      if (plain === undefined) return;
      let message: RelayedMessage;
      try {
        message = JSON.parse(plain) as RelayedMessage;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(message);
    });
  }

  async listen(sessionId: string, onMessage: Listener): Promise<() => void> {
    let listeners = this.listeners.get(sessionId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(sessionId, listeners);
      try {
        await whenReady(this.subscriber, SUBSCRIBER_WAIT_MS);
        await this.subscriber.subscribe(this.keys.channel(sessionId));
      } catch (error) {
        this.listeners.delete(sessionId);
        throw error;
      }
    }
    listeners.add(onMessage);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const current = this.listeners.get(sessionId);
      current?.delete(onMessage);
      if (current?.size === 0) {
        this.listeners.delete(sessionId);
        this.subscriber.unsubscribe(this.keys.channel(sessionId)).catch(() => {});
      }
    };
  }

  publish(sessionId: string, message: RelayedMessage): void {
    if (this.client.status !== 'ready') return;
    const channel = this.keys.channel(sessionId);
    this.client.publish(channel, this.seal.seal(JSON.stringify(message), channel)).catch(() => {});
  }

  /** Resolves once the subscriber connection is up (start-up check). */
  ready(timeoutMs: number): Promise<void> {
    return whenReady(this.subscriber, timeoutMs);
  }

  close(): void {
    this.subscriber.disconnect();
  }

  private sessionOfChannel(channel: string): string | undefined {
    const match = /\{([^}]+)\}$/.exec(channel);
    return match?.[1];
  }
}
