import { randomUUID } from 'node:crypto';
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { isResponse } from '../json-rpc-shapes.js';

interface StoredEvent {
  id: string;
  message: JSONRPCMessage;
}

/** Streams of one session whose events are kept; every POST opens a stream of its own. */
export const DEFAULT_STREAMS_PER_SESSION = 32;

/** The SDK's id of a session's one standalone GET stream: kept however many POSTs follow it. */
const STANDALONE_STREAM_ID = '_GET_stream';

/**
 * Keeps the last events of the most recent streams of one session so a client that reconnects
 * with `Last-Event-ID` receives what it missed. Bounded per stream and in streams: every POST
 * answers on a new stream, so keeping all of them would grow a long session's memory with every
 * call. Dropped with the session. Event ids are `<streamId>_<sequence>` so the stream can be
 * found from the id alone.
 */
export class BoundedEventStore implements EventStore {
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
    events.push({ id, message });
    if (events.length > this.eventsPerStream)
      events.splice(0, events.length - this.eventsPerStream);
    return id;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    const streamId = streamIdOf(eventId);
    return streamId !== undefined && this.streams?.has(streamId) ? streamId : undefined;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const streamId = streamIdOf(lastEventId);
    const events = streamId === undefined ? undefined : this.streams?.get(streamId);
    if (streamId === undefined || !events) return '';
    const index = events.findIndex((event) => event.id === lastEventId);
    // An id older than what is kept: replay everything still held rather than nothing.
    for (const event of events.slice(index + 1)) await send(event.id, event.message);
    return streamId;
  }

  /**
   * Forgets the stream that carried the answer to `requestId`, for an answer the client has
   * shown it received (the initialize answer, once the client sends notifications/initialized):
   * nobody resumes that stream, and it would otherwise stay for as long as the session idles.
   */
  forgetStreamAnswering(requestId: RequestId): void {
    if (!this.streams) return;
    for (const [streamId, events] of this.streams) {
      if (events.some(({ message }) => isResponse(message) && message.id === requestId)) {
        this.streams.delete(streamId);
        break;
      }
    }
    if (this.streams.size === 0) this.streams = undefined;
  }
}

function streamIdOf(eventId: string): string | undefined {
  const cut = eventId.lastIndexOf('_');
  return cut > 0 ? eventId.slice(0, cut) : undefined;
}
