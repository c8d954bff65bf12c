import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import type {
  JSONRPCErrorResponse,
  JSONRPCMessage,
  JSONRPCResultResponse,
  MessageExtraInfo,
  RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { isRequest, isResponse } from '../json-rpc-shapes.js';

type Answer = JSONRPCResultResponse | JSONRPCErrorResponse;

/**
 * One HTTP request's worth of MCP messages, answered with the server's responses: all a
 * stateless plain JSON-RPC POST needs. The SDK's Streamable HTTP transport would also answer it,
 * but through a web Request/Response conversion, stream bookkeeping and session checks that
 * such a request never uses; the bench measured them at a tenth of a call's CPU.
 */
export class JsonExchangeTransport implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  private readonly waiting = new Map<RequestId, (answer: Answer) => void>();
  private closed = false;
  private abandon?: (error: Error) => void;

  async start(): Promise<void> {}

  /**
   * Delivers the messages and resolves with the answers to its requests, in their order;
   * rejects if the transport closes first (the client went away). Once per transport: a
   * transport serves one HTTP request.
   */
  exchange(messages: readonly JSONRPCMessage[], extra: MessageExtraInfo): Promise<Answer[]> {
    if (this.abandon || this.closed) {
      return Promise.reject(new Error('a JSON exchange transport answers one request only'));
    }
    const requests = messages.filter(isRequest);
    const closed = new Promise<never>((_resolve, reject) => {
      this.abandon = reject;
    });
    closed.catch(() => {});
    const answers = Promise.all(
      requests.map(
        (request) => new Promise<Answer>((resolve) => this.waiting.set(request.id, resolve)),
      ),
    );
    for (const message of messages) this.onmessage?.(message, extra);
    return Promise.race([answers, closed]);
  }

  async send(message: JSONRPCMessage, _options?: TransportSendOptions): Promise<void> {
    if (isResponse(message)) {
      const settle = this.waiting.get(message.id);
      if (!settle) return;
      this.waiting.delete(message.id);
      settle(message);
      return;
    }
    // A JSON answer has no room for them: progress and log notifications are dropped (as the
    // SDK does with JSON responses); a request to the client fails at once instead of waiting.
    if (isRequest(message)) {
      throw new Error(
        `Cannot send ${message.method} to the client: a plain JSON-RPC request has no channel back; open a session`,
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiting.clear();
    this.abandon?.(new Error('the exchange was closed before every request was answered'));
    this.onclose?.();
  }
}
