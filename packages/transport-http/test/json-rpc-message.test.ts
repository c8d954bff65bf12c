import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { parseJsonRpcMessage } from '../src/json-rpc-message.js';

// Every shape a client can send, valid or not: the kind chosen by keys must accept and refuse
// exactly what the SDK's union of all four kinds does, and hand on the same parsed message.
const BODIES: unknown[] = [
  { jsonrpc: '2.0', id: 1, method: 'ping' },
  { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'x', arguments: {} } },
  { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { _meta: { progressToken: 7 } } },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } },
  { jsonrpc: '2.0', id: 3, result: {} },
  { jsonrpc: '2.0', id: 3, result: { action: 'accept', content: { a: 1 } } },
  { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'no' } },
  { jsonrpc: '2.0', error: { code: -32700, message: 'parse error' } },
  { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'no', data: { why: 1 } } },
  // Refused by every kind.
  { jsonrpc: '2.0', id: null, method: 'ping' },
  { jsonrpc: '2.0', id: 1.5, method: 'ping' },
  { jsonrpc: '2.0', id: {}, method: 'ping' },
  { jsonrpc: '1.0', id: 1, method: 'ping' },
  { id: 1, method: 'ping' },
  { jsonrpc: '2.0', id: 1, method: 42 },
  { jsonrpc: '2.0', id: 1, method: 'ping', extra: true },
  { jsonrpc: '2.0', method: 'notifications/initialized', id: undefined },
  { jsonrpc: '2.0', id: 1, method: 'ping', result: {} },
  { jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'x' } },
  { jsonrpc: '2.0', method: 'x', error: { code: 1, message: 'x' } },
  { jsonrpc: '2.0', id: 3 },
  { jsonrpc: '2.0', id: 3, result: 'not an object' },
  { jsonrpc: '2.0', id: 3, error: { code: 'x', message: 'no' } },
  { jsonrpc: '2.0', id: 3, error: { code: 1.5, message: 'no' } },
  { jsonrpc: '2.0', id: 1, method: 'ping', params: 'not an object' },
  { hello: 'world' },
  {},
  [],
  [{ jsonrpc: '2.0', id: 1, method: 'ping' }],
  null,
  'ping',
  42,
  true,
  JSON.parse('{"jsonrpc":"2.0","id":1,"method":"ping","__proto__":{"method":"x"}}'),
  Object.create({ method: 'ping', id: 1, jsonrpc: '2.0' }),
];

describe('parseJsonRpcMessage', () => {
  it.each(BODIES.map((body) => [JSON.stringify(body) ?? String(body), body]))(
    'agrees with the SDK union on %s',
    (_name, body) => {
      const union = JSONRPCMessageSchema.safeParse(body);
      const parsed = parseJsonRpcMessage(body);
      expect(parsed).toEqual(union.success ? union.data : undefined);
    },
  );

  it('accepts the valid kinds and refuses the rest', () => {
    const accepted = BODIES.filter((body) => parseJsonRpcMessage(body) !== undefined);
    // The ten requests, notifications, results and errors at the top, and the object whose
    // keys are inherited (zod reads them, as it reads a body's): a table that stops exercising
    // both sides would make the agreement test above prove nothing.
    expect(accepted).toHaveLength(11);
    expect(accepted.at(-1)).toBe(BODIES.at(-1));
  });
});
