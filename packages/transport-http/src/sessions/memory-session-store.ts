import { BoundedEventStore } from '../streamable/bounded-event-store.js';
import { LocalSessionRelay } from './local-session-relay.js';
import type { SessionRecord, SessionStore } from './session-store.js';

/**
 * The default store: sessions of this process only. Records expire with the idle timeout. A
 * session's events are kept here, apart from any server, so a stream can be resumed whichever
 * server answered the request that wrote it.
 */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  private readonly records = new Map<string, { record: SessionRecord; expiresAt: number }>();
  private readonly events = new Map<string, BoundedEventStore>();
  readonly relay = new LocalSessionRelay();

  constructor(
    private readonly ttlMs: number,
    private readonly eventsPerStream: number,
    private readonly now: () => number = Date.now,
  ) {}

  private lastSweep = 0;

  async save(record: SessionRecord): Promise<void> {
    const now = this.now();
    // Records of sessions nobody resumes are never loaded again: drop the expired ones now
    // and then, so the map stays as large as the live sessions.
    if (now - this.lastSweep > this.ttlMs / 2) {
      this.lastSweep = now;
      for (const [id, entry] of this.records) if (entry.expiresAt <= now) this.forget(id);
    }
    this.records.set(record.id, { record, expiresAt: now + this.ttlMs });
  }

  async update(record: SessionRecord): Promise<void> {
    const entry = this.records.get(record.id);
    if (entry) entry.record = record;
  }

  async load(id: string): Promise<SessionRecord | undefined> {
    const entry = this.records.get(id);
    if (!entry) return undefined;
    const now = this.now();
    if (entry.expiresAt <= now) {
      this.forget(id);
      return undefined;
    }
    // Used: it stays for another idle timeout.
    entry.expiresAt = now + this.ttlMs;
    return entry.record;
  }

  async delete(id: string): Promise<void> {
    this.forget(id);
    this.relay.publish(id, { type: 'closed', from: this.relay.replicaId });
  }

  eventStore(sessionId: string): BoundedEventStore {
    let store = this.events.get(sessionId);
    if (!store) {
      store = new BoundedEventStore(this.eventsPerStream, undefined, (event) =>
        this.relay.publish(sessionId, { type: 'event', event }),
      );
      this.events.set(sessionId, store);
    }
    return store;
  }

  async eventsAfter(sessionId: string, streamId: string, afterEventId?: string) {
    return this.events.get(sessionId)?.eventsAfter(streamId, afterEventId);
  }

  private forget(id: string): void {
    this.records.delete(id);
    this.events.delete(id);
  }

  unavailable(): undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.records.clear();
    this.events.clear();
  }
}
