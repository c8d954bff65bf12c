import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { JsonExchangeTransport } from '../src/streamable/json-exchange-transport.js';

const request = (id: number, method = 'tools/list'): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  method,
});

describe('JsonExchangeTransport', () => {
  it('answers the requests of an exchange in their order, whatever order the server answers in', async () => {
    const transport = new JsonExchangeTransport();
    const delivered: JSONRPCMessage[] = [];
    transport.onmessage = (message) => delivered.push(message);
    const answers = transport.exchange(
      [request(1), { jsonrpc: '2.0', method: 'notifications/initialized' }, request(2)],
      {},
    );
    expect(delivered).toHaveLength(3);
    await transport.send({ jsonrpc: '2.0', id: 2, result: { second: true } });
    // Progress and log notifications have no place in a JSON answer: dropped.
    await transport.send({ jsonrpc: '2.0', method: 'notifications/progress', params: {} });
    await transport.send({ jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no' } });
    expect(await answers).toEqual([
      { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no' } },
      { jsonrpc: '2.0', id: 2, result: { second: true } },
    ]);
  });

  it('refuses to send a request to the client, which has no channel back', async () => {
    const transport = new JsonExchangeTransport();
    await expect(
      transport.send({ jsonrpc: '2.0', id: 7, method: 'elicitation/create', params: {} }),
    ).rejects.toThrow(/no channel back/);
  });

  it('resolves an exchange of notifications only with no answers', async () => {
    const transport = new JsonExchangeTransport();
    expect(
      await transport.exchange([{ jsonrpc: '2.0', method: 'notifications/initialized' }], {}),
    ).toEqual([]);
  });

  it('rejects an unanswered exchange when closed, tells its server once, and takes no second exchange', async () => {
    const transport = new JsonExchangeTransport();
    let closes = 0;
    transport.onclose = () => closes++;
    const answers = transport.exchange([request(1)], {});
    await transport.close();
    await transport.close();
    await expect(answers).rejects.toThrow(/closed/);
    expect(closes).toBe(1);
    await expect(transport.exchange([request(2)], {})).rejects.toThrow(/one request only/);
  });
});
