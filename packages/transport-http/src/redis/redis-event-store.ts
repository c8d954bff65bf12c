import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { StoredEvent } from '../sessions/session-store.js';
import type { RedisClient } from './redis-connection.js';
import type { RedisKeys } from './redis-keys.js';

export interface RedisEventStoreOptions {
  client: RedisClient;
  keys: RedisKeys;
  sessionId: string;
  /** Events kept per session, all its streams together (approximately: XADD MAXLEN ~). */
  eventsPerSession: number;
  /** A stream nobody writes to expires after this long, like the session. */
  ttlMs: number;
  /** Told of every event stored, to tell the replica that holds the stream. */
  onStored?: (event: StoredEvent) => void;
}

/**
 * The events of one session's SSE streams in one Redis stream (XADD with MAXLEN, PEXPIRE), so a
 * client may resume with `Last-Event-ID` on any replica. Event ids are `<stream id>_<entry id>`:
 * the SSE stream is found from the id alone, and entry ids order the replay.
 *
 * When Redis is away an event still reaches the open stream, with an id no replica can replay:
 * calls in flight finish rather than fail on bookkeeping.
 */
export class RedisEventStore implements EventStore {
  /** Messages relayed from another replica: already stored, they keep the id they got there. */
  private readonly relayed = new WeakMap<object, string>();
  private unsavedSequence = 0;

  constructor(private readonly options: RedisEventStoreOptions) {}

  /** Lets a relayed message pass through the transport without being stored twice. */
  markRelayed(message: JSONRPCMessage, eventId: string): void {
    this.relayed.set(message, eventId);
  }

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const relayedId = this.relayed.get(message);
    if (relayedId !== undefined) return relayedId;
    const { client, keys, sessionId, eventsPerSession, ttlMs } = this.options;
    const key = keys.events(sessionId);
    let entryId: string | null | undefined;
    try {
      const results = await client
        .pipeline()
        .xadd(
          key,
          'MAXLEN',
          '~',
          eventsPerSession,
          '*',
          's',
          streamId,
          'm',
          JSON.stringify(message),
        )
        .pexpire(key, ttlMs)
        .exec();
      entryId = results?.[0]?.[1] as string | null | undefined;
    } catch {
      entryId = undefined;
    }
    if (!entryId) return `${streamId}_unsaved-${++this.unsavedSequence}`;
    const eventId = `${streamId}_${entryId}`;
    this.options.onStored?.({ streamId, eventId, message });
    return eventId;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    const parsed = parseEventId(eventId);
    if (!parsed) return undefined;
    const exists = await this.options.client.exists(
      this.options.keys.events(this.options.sessionId),
    );
    return exists ? parsed.streamId : undefined;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const parsed = parseEventId(lastEventId);
    if (!parsed) return '';
    for (const event of await this.eventsAfter(parsed.streamId, parsed.entryId)) {
      await send(event.eventId, event.message);
    }
    return parsed.streamId;
  }

  /** Events of a stream after an entry id (all kept ones when the id is older than them). */
  async eventsAfter(streamId: string, entryId: string): Promise<StoredEvent[]> {
    const key = this.options.keys.events(this.options.sessionId);
    const start = /^\d+-\d+$/.test(entryId) ? `(${entryId}` : '-';
    const entries = await this.options.client.xrange(key, start, '+');
    const events: StoredEvent[] = [];
    for (const [id, fields] of entries) {
      if (fields[1] !== streamId) continue;
      events.push({
        streamId,
        eventId: `${streamId}_${id}`,
        message: JSON.parse(fields[3] ?? '{}') as JSONRPCMessage,
      });
    }
    return events;
  }
}

export function parseEventId(eventId: string): { streamId: string; entryId: string } | undefined {
  const cut = eventId.lastIndexOf('_');
  if (cut <= 0) return undefined;
  return { streamId: eventId.slice(0, cut), entryId: eventId.slice(cut + 1) };
}
