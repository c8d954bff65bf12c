import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import { BoundedEventStore } from '../streamable/bounded-event-store.js';
import type { SessionRecord, SessionStore } from './session-store.js';

/**
 * The default store: sessions of this process only. Records expire with the idle timeout, as
 * the sessions themselves do. A session's events are kept here, not in its transport, so they
 * survive the session's hibernation (see `sessionHibernateAfterMs`).
 */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  private readonly records = new Map<string, { record: SessionRecord; expiresAt: number }>();
  private readonly events = new Map<string, BoundedEventStore>();

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

  async load(id: string): Promise<SessionRecord | undefined> {
    const entry = this.records.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.forget(id);
      return undefined;
    }
    return entry.record;
  }

  touch(id: string): void {
    const entry = this.records.get(id);
    if (entry) entry.expiresAt = this.now() + this.ttlMs;
  }

  async delete(id: string): Promise<void> {
    this.forget(id);
  }

  eventStore(sessionId: string): BoundedEventStore {
    let store = this.events.get(sessionId);
    if (!store) {
      store = new BoundedEventStore(this.eventsPerStream);
      this.events.set(sessionId, store);
    }
    return store;
  }

  forgetAnsweredStream(sessionId: string, requestId: RequestId): void {
    this.events.get(sessionId)?.forgetStreamAnswering(requestId);
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
