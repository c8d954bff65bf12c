import { randomUUID } from 'node:crypto';
import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import type {
  JSONRPCMessage,
  MessageExtraInfo,
  RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { cancelledRequestId, isRequest, isResponse } from '../json-rpc-shapes.js';

/** Where the messages a server sends in answer to one POST go: its JSON body or SSE stream. */
export interface ExchangeSink {
  /** The server's answer to one of the POST's requests. */
  answer(message: JSONRPCMessage & { id: RequestId }): void;
  /** A notification or request the server sends the client while answering the POST. */
  stream(message: JSONRPCMessage): void;
}

export interface SessionTransportHooks {
  /** A message the server sends unprompted (`tools/list_changed`…): the session's GET stream. */
  sendUnrelated(message: JSONRPCMessage): Promise<void>;
  /** The server sent the client a request (elicitation…); its answer may reach any replica. */
  awaitingReply?(requestId: RequestId): void;
}

/**
 * The transport of a Streamable HTTP session's server on this replica. It is no connection: each
 * POST hands it the messages it carried with the sink that answers that POST, and the server's
 * messages are routed back by request id, to the POST that asked (answers, progress, a request
 * for the client's input) or, when related to no request, to the session's GET stream.
 */
export class SessionTransport implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  /** Requests of the client being answered, and the POST each came in. */
  private readonly sinks = new Map<RequestId, ExchangeSink>();
  /**
   * Requests the server sent the client and whose answers have not come back: the id the client
   * saw, and the server's own id for it.
   */
  private readonly awaitingReplies = new Map<RequestId, RequestId>();
  /**
   * Every server numbers its requests to the client from 0, and with Redis two replicas may hold
   * a server for one session at once: the client sees each request under an id that is this
   * transport's alone, so its answer, posted to any replica, reaches the server that asked.
   */
  private readonly wireIdPrefix = `${randomUUID().slice(0, 8)}-`;
  private closed = false;

  constructor(
    readonly sessionId: string,
    private readonly hooks: SessionTransportHooks,
  ) {}

  async start(): Promise<void> {}

  /** Delivers one POST's messages; the server's answers to its requests go to `sink`. */
  deliver(messages: readonly JSONRPCMessage[], extra: MessageExtraInfo, sink: ExchangeSink): void {
    for (const message of messages) if (isRequest(message)) this.sinks.set(message.id, sink);
    for (const message of messages) this.onmessage?.(message, extra);
  }

  /** Whether the server waits for the client's answer to its request `id`. */
  awaitsReply(id: RequestId): boolean {
    return this.awaitingReplies.has(id);
  }

  /** The client's answer to a request of the server, posted here or relayed from elsewhere. */
  receiveReply(message: JSONRPCMessage & { id: RequestId }): void {
    const serverId = this.awaitingReplies.get(message.id);
    if (serverId === undefined) return;
    this.awaitingReplies.delete(message.id);
    this.onmessage?.({ ...message, id: serverId });
  }

  /** Notifications with no answer (initialized, cancelled…) for the server. */
  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.closed) return;
    if (isResponse(message)) {
      const sink = this.sinks.get(message.id);
      this.sinks.delete(message.id);
      sink?.answer(message);
      return;
    }
    if (isRequest(message)) {
      const wireId = `${this.wireIdPrefix}${message.id}`;
      this.awaitingReplies.set(wireId, message.id);
      this.hooks.awaitingReply?.(wireId);
      message = { ...message, id: wireId };
    } else {
      message = this.withWireRequestId(message);
    }
    const related = options?.relatedRequestId;
    const sink = related === undefined ? undefined : this.sinks.get(related);
    if (sink) sink.stream(message);
    else await this.hooks.sendUnrelated(message);
  }

  /** The server giving up on one of its requests names it as the client knows it. */
  private withWireRequestId(message: JSONRPCMessage): JSONRPCMessage {
    const requestId = cancelledRequestId(message);
    if (requestId === undefined) return message;
    const wireId = `${this.wireIdPrefix}${requestId}`;
    if (!this.awaitingReplies.has(wireId)) return message;
    this.awaitingReplies.delete(wireId);
    const { params } = message as { params: object };
    return { ...message, params: { ...params, requestId: wireId } } as JSONRPCMessage;
  }

  /** Requests of the server still waiting for the client's answer. */
  get awaiting(): number {
    return this.awaitingReplies.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sinks.clear();
    this.awaitingReplies.clear();
    this.onclose?.();
  }
}
