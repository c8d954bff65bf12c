import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { type ExchangeSink, SessionTransport } from '../src/streamable/session-transport.js';

/** A transport as a replica holds it for one session, with what it streams and receives. */
function replicaTransport(sessionId: string) {
  const transport = new SessionTransport(sessionId, { sendUnrelated: async () => {} });
  const streamed: JSONRPCMessage[] = [];
  const received: JSONRPCMessage[] = [];
  transport.onmessage = (message) => received.push(message);
  const sink: ExchangeSink = { answer: () => {}, stream: (message) => streamed.push(message) };
  // The client's tool call the server is busy with, whose POST carries what the server sends.
  transport.deliver(
    [{ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'ask' } }],
    {},
    sink,
  );
  received.length = 0;
  const ask = (id: RequestId) =>
    transport.send(
      { jsonrpc: '2.0', id, method: 'elicitation/create', params: { message: 'Which colour?' } },
      { relatedRequestId: 7 },
    );
  return { transport, streamed, received, ask };
}

const idOf = (message: JSONRPCMessage | undefined) => (message as { id: RequestId }).id;

describe('SessionTransport: the server’s requests to the client', () => {
  it('reach the client under ids no other server of the session uses, and answers find the server that asked', async () => {
    // Two replicas hold a server for the same session: both number their requests from 0.
    const first = replicaTransport('session-1');
    const second = replicaTransport('session-1');
    await first.ask(0);
    await second.ask(0);
    const firstWireId = idOf(first.streamed[0]);
    const secondWireId = idOf(second.streamed[0]);
    expect(firstWireId).not.toBe(secondWireId);
    expect(first.transport.awaitsReply(secondWireId)).toBe(false);
    expect(second.transport.awaitsReply(firstWireId)).toBe(false);

    // The client answers the second replica's question; it reaches that server, as its id 0.
    const answer = { jsonrpc: '2.0' as const, id: secondWireId, result: { action: 'accept' } };
    first.transport.receiveReply(answer);
    second.transport.receiveReply(answer);
    expect(first.received).toEqual([]);
    expect(second.received).toEqual([{ ...answer, id: 0 }]);
    expect(second.transport.awaiting).toBe(0);
    expect(first.transport.awaiting).toBe(1);
  });

  it('names a request the server gives up on as the client knows it, and ignores a late answer', async () => {
    const replica = replicaTransport('session-2');
    await replica.ask(3);
    const wireId = idOf(replica.streamed[0]);
    await replica.transport.send(
      {
        jsonrpc: '2.0',
        method: 'notifications/cancelled',
        params: { requestId: 3, reason: 'timed out' },
      },
      { relatedRequestId: 7 },
    );
    expect(replica.streamed[1]).toMatchObject({ params: { requestId: wireId } });
    replica.transport.receiveReply({ jsonrpc: '2.0', id: wireId, result: {} });
    expect(replica.received).toEqual([]);
  });
});
