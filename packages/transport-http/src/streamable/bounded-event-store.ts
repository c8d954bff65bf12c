import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { SessionEvents, StoredEvent } from '../sessions/session-store.js';
import { STANDALONE_STREAM_ID } from './relayed-event-stream.js';

/** Streams of one session whose events are kept; every POST opens a stream of its own. */
export const DEFAULT_STREAMS_PER_SESSION = 32;

/**
 * Keeps the last events of the most recent streams of one session so a client that reconnects
 * with `Last-Event-ID` receives what it missed. Bounded per stream and in streams: every POST
 * answers on a new stream, so keeping all of them would grow a long session's memory with every
 * call. Dropped with the session. Event ids are `<streamId>_<sequence>` so the stream can be
 * found from the id alone.
 */
export class BoundedEventStore implements SessionEvents {
  /**
   * In order of last use: the first entry is the stream to forget next. Made on the first
   * event and dropped when the last stream is forgotten: an idle session keeps none.
   */
  private streams?: Map<string, StoredEvent[]>;
  private sequence = 0;
  private readonly prefix = randomUUID().slice(0, 8);

  constructor(
    private readonly eventsPerStream: number,
    private readonly streamsPerSession = DEFAULT_STREAMS_PER_SESSION,
    /** Called with each event once kept: an open GET stream writes it. */
    private readonly onStored?: (event: StoredEvent) => void,
  ) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const id = `${streamId}_${this.prefix}${(++this.sequence).toString(36).padStart(8, '0')}`;
    this.streams ??= new Map();
    const streams = this.streams;
    const events = streams.get(streamId) ?? [];
    streams.delete(streamId);
    streams.set(streamId, events);
    if (streams.size > this.streamsPerSession) {
      for (const candidate of streams.keys()) {
        if (candidate === STANDALONE_STREAM_ID) continue;
        streams.delete(candidate);
        break;
      }
    }
    const event = { streamId, eventId: id, message };
    events.push(event);
    if (events.length > this.eventsPerStream)
      events.splice(0, events.length - this.eventsPerStream);
    this.onStored?.(event);
    return id;
  }

  /** Events of a stream after an event id (all kept ones when absent or older than them). */
  eventsAfter(streamId: string, afterEventId?: string): StoredEvent[] | undefined {
    const events = this.streams?.get(streamId);
    if (!events) return undefined;
    const index =
      afterEventId === undefined ? -1 : events.findIndex((e) => e.eventId === afterEventId);
    return events.slice(index + 1);
  }
}
