import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HttpMetrics } from '../src/observability/http-metrics.js';
import { tapMessages } from '../src/observability/tap-messages.js';

/** A transport whose messages the test delivers and whose sends it keeps. */
function fakeTransport() {
  const sent: JSONRPCMessage[] = [];
  const transport = {
    start: async () => {},
    close: async () => {},
    send: async (message: JSONRPCMessage) => {
      sent.push(message);
    },
    onmessage: () => {},
  } as unknown as Transport;
  return { transport, sent, deliver: (message: JSONRPCMessage) => transport.onmessage?.(message) };
}

const toolCall = (id: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'get-secret', arguments: {} },
});
const cancel = (requestId: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/cancelled',
  params: { requestId, reason: 'the user changed their mind' },
});

describe('tapMessages', () => {
  it('counts a request in flight until it is answered or cancelled, each once', async () => {
    const { transport, deliver } = fakeTransport();
    const metrics = new HttpMetrics(new Registry(), () => new Map());
    const session = { inFlight: 0, lastActivity: 0 };
    tapMessages(transport, metrics, session);

    deliver(toolCall(1));
    deliver(toolCall(2));
    deliver(toolCall(3));
    expect(session.inFlight).toBe(3);
    await transport.send({ jsonrpc: '2.0', id: 1, result: { content: [] } });
    expect(session.inFlight).toBe(2);
    // The SDK never answers a cancelled request: the cancellation alone ends it.
    deliver(cancel(2));
    expect(session.inFlight).toBe(1);
    // A cancellation of what was answered or cancelled already, or never asked, changes nothing.
    deliver(cancel(1));
    deliver(cancel(2));
    deliver(cancel(99));
    expect(session.inFlight).toBe(1);
    await transport.send({ jsonrpc: '2.0', id: 3, result: { content: [] } });
    expect(session.inFlight).toBe(0);

    const calls = await metrics.registry.getSingleMetricAsString('mcp_tool_calls_total');
    expect(calls).toContain('mcp_tool_calls_total{tool="get-secret",outcome="ok"} 2');
  });
});
