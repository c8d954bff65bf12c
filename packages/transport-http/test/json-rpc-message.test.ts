import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { parseJsonRpcMessage } from '../src/json-rpc-message.js';
import { JSON_RPC_BODIES as BODIES } from './support/json-rpc-bodies.js';

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
