import type { SessionRecord, SessionStore } from '../sessions/session-store.js';
import { SessionStoreUnavailableError } from '../sessions/session-store.js';
import { connectRedis, type RedisClient, whenReady } from './redis-connection.js';
import { RedisEventStore } from './redis-event-store.js';
import { RedisKeys } from './redis-keys.js';
import { RedisSessionRelay } from './redis-session-relay.js';
import { DEFAULT_REDIS_KEY_PREFIX, redact } from './redis-url.js';
import { EventSeal } from './sealed-value.js';

export interface RedisSessionStoreOptions {
  url: string;
  keyPrefix?: string;
  /** A session unused this long expires, with its events. */
  ttlMs: number;
  /** Events kept per session for `Last-Event-ID` resumption, all its streams together. */
  eventsPerSession: number;
  /** Seals events and relayed messages (32 bytes); absent: in clear, as the operator chose. */
  eventsKey?: Buffer;
}

/**
 * A session's TTL is refreshed at most this often per replica: one PEXPIRE, not one per request.
 * Its record is read again as often, so a session deleted through another replica is refused
 * here within this time.
 */
const TOUCH_EVERY_MS = 5_000;
const MAX_TOUCH_ENTRIES = 50_000;
const MAX_CACHED_RECORDS = 10_000;

/**
 * Sessions in Redis: one JSON string per session with a TTL refreshed on use, and the events
 * of its streams in Redis streams. Any replica can serve any session.
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  readonly client: RedisClient;
  readonly keys: RedisKeys;
  readonly relay: RedisSessionRelay;
  private readonly lastTouched = new Map<string, number>();
  /** Records read lately, so a busy session costs one Redis read per TOUCH_EVERY_MS. */
  private readonly recent = new Map<string, { record: SessionRecord; readAt: number }>();
  private readonly seal: EventSeal;

  constructor(private readonly options: RedisSessionStoreOptions) {
    this.client = connectRedis(options.url);
    // ioredis reconnects by itself; without a listener an 'error' event would crash the process.
    this.client.on('error', () => {});
    this.keys = new RedisKeys(options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX);
    this.seal = new EventSeal(options.eventsKey);
    this.relay = new RedisSessionRelay(this.client, this.keys, this.seal);
  }

  async save(record: SessionRecord): Promise<void> {
    this.assertAvailable();
    try {
      await this.client.set(
        this.keys.session(record.id),
        JSON.stringify(record),
        'PX',
        this.options.ttlMs,
      );
    } catch (error) {
      throw new SessionStoreUnavailableError(this.describeFailure(error));
    }
    this.lastTouched.set(record.id, Date.now());
    this.recent.set(record.id, { record, readAt: Date.now() });
  }

  async update(record: SessionRecord): Promise<void> {
    this.assertAvailable();
    try {
      // XX: a session deleted meanwhile stays deleted. KEEPTTL: its idle timeout runs on.
      await this.client.set(this.keys.session(record.id), JSON.stringify(record), 'KEEPTTL', 'XX');
    } catch (error) {
      throw new SessionStoreUnavailableError(this.describeFailure(error));
    }
    this.recent.set(record.id, { record, readAt: Date.now() });
  }

  async load(id: string): Promise<SessionRecord | undefined> {
    const cached = this.recent.get(id);
    if (cached && Date.now() - cached.readAt < TOUCH_EVERY_MS) return cached.record;
    // Redis away: a session this replica served lately goes on being served here.
    if (cached && this.unavailable()) return cached.record;
    this.assertAvailable();
    let raw: string | null;
    try {
      raw = await this.client.get(this.keys.session(id));
    } catch (error) {
      throw new SessionStoreUnavailableError(this.describeFailure(error));
    }
    if (raw === null) {
      this.recent.delete(id);
      return undefined;
    }
    this.touch(id);
    const record = JSON.parse(raw) as SessionRecord;
    if (this.recent.size >= MAX_CACHED_RECORDS) this.recent.clear();
    this.recent.set(id, { record, readAt: Date.now() });
    return record;
  }

  private touch(id: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    if (this.lastTouched.size >= MAX_TOUCH_ENTRIES) this.lastTouched.clear();
    this.lastTouched.set(id, now);
    if (this.client.status !== 'ready') return;
    this.client.pexpire(this.keys.session(id), this.options.ttlMs).catch(() => {});
  }

  async delete(id: string): Promise<void> {
    this.lastTouched.delete(id);
    this.recent.delete(id);
    if (this.client.status !== 'ready') return;
    this.relay.publish(id, { type: 'closed', from: this.relay.replicaId });
    await this.client.del(this.keys.session(id), this.keys.events(id)).catch(() => {});
  }

  eventStore(sessionId: string): RedisEventStore {
    return new RedisEventStore({
      client: this.client,
      keys: this.keys,
      sessionId,
      eventsPerSession: this.options.eventsPerSession,
      ttlMs: this.options.ttlMs,
      seal: this.seal,
      // Whichever replica holds the client's open stream writes it there.
      onStored: (event) => this.relay.publish(sessionId, { type: 'event', event }),
    });
  }

  eventsAfter(sessionId: string, streamId: string, afterEventId?: string) {
    return this.eventStore(sessionId).eventsAfter(streamId, afterEventId);
  }

  unavailable(): string | undefined {
    if (this.client.status === 'ready') return undefined;
    return `Redis at ${redact(this.options.url)} is unavailable (${this.client.status}): new sessions are refused until it is back; retry later`;
  }

  /** Resolves once both connections are up, or rejects after `timeoutMs` (start-up check). */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    try {
      await Promise.all([whenReady(this.client, timeoutMs), this.relay.ready(timeoutMs)]);
    } catch {
      throw new SessionStoreUnavailableError(this.unavailable() ?? 'Redis is not reachable');
    }
  }

  async close(): Promise<void> {
    this.relay.close();
    this.client.disconnect();
  }

  private assertAvailable(): void {
    const problem = this.unavailable();
    if (problem) throw new SessionStoreUnavailableError(problem);
  }

  private describeFailure(error: unknown): string {
    const reason = error instanceof Error ? error.message : String(error);
    return `Redis at ${redact(this.options.url)} failed (${reason}): retry later`;
  }
}
