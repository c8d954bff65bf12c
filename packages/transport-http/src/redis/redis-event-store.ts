import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { SessionEvents, StoredEvent } from '../sessions/session-store.js';
import type { RedisClient } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';
import type { EventSeal } from './sealed-value.js';

export interface RedisEventStoreOptions {
  client: RedisClient;
  keys: RedisKeys;
  sessionId: string;
  /** Events kept per session, all its streams together (approximately: XADD MAXLEN ~). */
  eventsPerSession: number;
  /** A stream nobody writes to expires after this long, like the session. */
  ttlMs: number;
  /**
   * Seals each message before it is stored: tool results, revealed secret values among them,
   * sit in Redis for as long as the session may resume.
   */
  seal: EventSeal;
  /** Told of every event stored, to tell the replica that holds the stream. */
  onStored?: (event: StoredEvent) => void;
}

/**
 * The events of one session's SSE streams in one Redis stream (XADD with MAXLEN, PEXPIRE), so a
 * client may resume with `Last-Event-ID` on any replica. Event ids are
 * `<stream id>_<writer>-<sequence>`: the SSE stream is found from the id alone, and the id is
 * made here, so storing costs the answer no Redis round trip: the XADD is queued on the
 * connection and the event goes out at once. It is published to the session's channel once
 * stored, so a replica that subscribed and then read the backlog misses nothing.
 *
 * When Redis is away an event still reaches the open stream; it just cannot be replayed:
 * calls in flight finish rather than fail on bookkeeping. An event that does not open (stored
 * under another key) is skipped, as if trimmed.
 */
export class RedisEventStore implements SessionEvents {
  private readonly writer = randomUUID().slice(0, 8);
  private sequence = 0;

  constructor(private readonly options: RedisEventStoreOptions) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const { client, keys, sessionId, eventsPerSession, ttlMs, seal, onStored } = this.options;
    const eventId = `${streamId}_${this.writer}-${(++this.sequence).toString(36)}`;
    if (client.status !== 'ready') return eventId;
    const key = keys.events(sessionId);
    client
      .pipeline()
      .xadd(
        key,
        'MAXLEN',
        '~',
        eventsPerSession,
        '*',
        's',
        streamId,
        'i',
        eventId,
        'm',
        seal.seal(JSON.stringify(message), key),
      )
      .pexpire(key, ttlMs)
      .exec()
      .then((results) => {
        if (results?.[0]?.[0]) return;
        onStored?.({ streamId, eventId, message });
      })
      .catch(() => {});
    return eventId;
  }

  /**
   * Events of an SSE stream after an event id, oldest first. An id no longer kept (trimmed,
   * never stored) replays everything still kept of the stream rather than nothing.
   */
  async eventsAfter(streamId: string, afterEventId?: string): Promise<StoredEvent[] | undefined> {
    const key = this.options.keys.events(this.options.sessionId);
    const entries = await this.options.client.xrange(key, '-', '+');
    const events: StoredEvent[] = [];
    let known = false;
    for (const [, fields] of entries) {
      if (fields[1] !== streamId) continue;
      known = true;
      const eventId = fields[3] ?? '';
      if (eventId === afterEventId) {
        events.length = 0;
        continue;
      }
      const message = this.messageOf(fields[5], key);
      if (message) events.push({ streamId, eventId, message });
    }
    return known ? events : undefined;
  }

  private messageOf(stored: string | undefined, key: string): JSONRPCMessage | undefined {
    const plain = stored === undefined ? undefined : this.options.seal.open(stored, key);
    return plain === undefined ? undefined : (JSON.parse(plain) as JSONRPCMessage);
  }
}

/** The SSE stream an event id belongs to: everything before its last `_`. */
export function streamIdOf(eventId: string): string | undefined {
  const cut = eventId.lastIndexOf('_');
  return cut > 0 ? eventId.slice(0, cut) : undefined;
}
