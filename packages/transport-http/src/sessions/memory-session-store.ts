import { BoundedEventStore } from '../streamable/bounded-event-store.js';
import type { SessionRecord, SessionStore } from './session-store.js';

/**
 * The default store: sessions of this process only. Records expire with the idle timeout, as
 * the sessions themselves do.
 */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  private readonly records = new Map<string, { record: SessionRecord; expiresAt: number }>();

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
      for (const [id, entry] of this.records) if (entry.expiresAt <= now) this.records.delete(id);
    }
    this.records.set(record.id, { record, expiresAt: now + this.ttlMs });
  }

  async load(id: string): Promise<SessionRecord | undefined> {
    const entry = this.records.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.records.delete(id);
      return undefined;
    }
    return entry.record;
  }

  touch(id: string): void {
    const entry = this.records.get(id);
    if (entry) entry.expiresAt = this.now() + this.ttlMs;
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
  }

  eventStore(): BoundedEventStore {
    return new BoundedEventStore(this.eventsPerStream);
  }

  unavailable(): undefined {
    return undefined;
  }

  async close(): Promise<void> {
    this.records.clear();
  }
}
