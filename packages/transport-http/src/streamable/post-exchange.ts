import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { isRequest } from '../json-rpc-shapes.js';
import type { SessionEvents } from '../sessions/session-store.js';
import type { ExchangeSink } from './session-transport.js';

export interface PostExchangeOptions {
  response: ServerResponse;
  /** The ids of the POST's requests: the exchange ends once each is answered. */
  requestIds: readonly RequestId[];
  /** Whether the POST was a batch: its JSON answer is then an array. */
  batch: boolean;
  /**
   * Where the events of an SSE answer are kept for `Last-Event-ID` resumption. None for a
   * plain JSON-RPC POST: its client accepts JSON only, so the answer never becomes a stream.
   */
  events?: SessionEvents;
  serialize: (message: JSONRPCMessage) => string;
  /** Headers every answer carries (the session id). */
  headers: Record<string, string>;
  /**
   * Open the stream at once: a request asked for progress, so it expects to take a while and
   * its client should be able to resume it from the first event on.
   */
  streamAtOnce: boolean;
  /**
   * Begin the stream with an event that has an id and no data (2025-11-25 clients resume from
   * it): a stream cut before its first message is not lost.
   */
  primeStream: boolean;
}

/** What a priming event stores: no message, only a place in the stream to resume from. */
const PRIMING_EVENT = {} as JSONRPCMessage;

/**
 * The answer to one POST of a session. The spec lets a server answer a POST with JSON or with an
 * SSE stream: JSON costs less and is what most calls need, so the answer is JSON unless the
 * server sends something else first for one of the POST's requests (progress, a log message, a
 * request for the client's input); then it becomes a stream, whose events are stored so that a
 * client that loses it resumes with `Last-Event-ID`. Answers ready before the switch go first.
 */
export class PostExchange implements ExchangeSink {
  private readonly pending: Set<RequestId>;
  private readonly answers: JSONRPCMessage[] = [];
  private streamId?: string;
  /** Events are written in the order the server sent them, each once its id is stored. */
  private writing: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly options: PostExchangeOptions) {
    this.pending = new Set(options.requestIds);
    if (options.streamAtOnce) this.openStream();
  }

  answer(message: JSONRPCMessage & { id: RequestId }): void {
    if (!this.pending.delete(message.id)) return;
    if (this.streamId) {
      this.writeEvent(message);
      if (this.pending.size === 0) this.endStream();
      return;
    }
    this.answers.push(message);
    if (this.pending.size === 0) this.sendJson();
  }

  stream(message: JSONRPCMessage): void {
    if (!this.options.events) {
      // Progress and log messages have no room in a JSON answer (the SDK drops them too); a
      // request to the client fails at once instead of waiting for an answer that cannot come.
      if (isRequest(message)) {
        throw new Error(
          `Cannot send ${message.method} to the client: a plain JSON-RPC request has no channel back; open a session`,
        );
      }
      return;
    }
    if (this.ended) return;
    if (!this.streamId) this.openStream();
    this.writeEvent(message);
  }

  private sendJson(): void {
    this.ended = true;
    const { response, serialize, batch, headers } = this.options;
    if (response.writableEnded || response.destroyed) return;
    // In the order of the requests, as a client reading the batch expects them.
    const order = this.options.requestIds;
    const answers = this.answers.sort(
      (a, b) =>
        order.indexOf((a as { id: RequestId }).id) - order.indexOf((b as { id: RequestId }).id),
    );
    const body = batch
      ? `[${answers.map((answer) => serialize(answer)).join(',')}]`
      : serialize(this.answers[0] as JSONRPCMessage);
    // With its length known the answer goes out in one write, headers and body together;
    // without, chunked framing costs a writev of five buffers.
    response.writeHead(200, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  }

  private openStream(): void {
    this.streamId = randomUUID();
    const { response, headers } = this.options;
    if (!response.writableEnded && !response.destroyed) {
      response.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.flushHeaders();
    }
    if (this.options.primeStream) this.writeEvent(PRIMING_EVENT);
    for (const answer of this.answers.splice(0)) this.writeEvent(answer);
  }

  private writeEvent(message: JSONRPCMessage): void {
    const { response, events, serialize } = this.options;
    const streamId = this.streamId as string;
    const stored = events?.storeEvent(streamId, message) ?? Promise.resolve(undefined);
    this.writing = this.writing.then(async () => {
      // A client that went away resumes from the store; the event is kept all the same.
      const eventId = await stored.catch(() => undefined);
      if (response.writableEnded || response.destroyed) return;
      const id = eventId === undefined ? '' : `id: ${eventId}\n`;
      if (message === PRIMING_EVENT) response.write(`${id}data: \n\n`);
      else response.write(`event: message\n${id}data: ${serialize(message)}\n\n`);
    });
  }

  private endStream(): void {
    this.ended = true;
    const { response } = this.options;
    void this.writing.then(() => {
      if (!response.writableEnded) response.end();
    });
  }
}
