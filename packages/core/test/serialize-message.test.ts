import { CallToolResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { serializeJsonRpcMessage } from '../src/server/serialize-message.js';
import { successResult } from '../src/server/tool-result.js';

function bigOutput(count: number) {
  return {
    secrets: Array.from({ length: count }, (_, index) => ({
      secretKey: `KEY_${index}`,
      secretValue: `value "${index}" with \\ and \n and $& and é`,
    })),
    count,
  };
}

/** As the SDK sends it: its result check copies the result before the transport sees it. */
function answerOf(
  result: ReturnType<typeof successResult>,
  id: string | number = 1,
): JSONRPCMessage {
  const checked = CallToolResultSchema.parse(result);
  return { result: checked, jsonrpc: '2.0', id } as JSONRPCMessage;
}

describe('serializing a JSON-RPC message', () => {
  it('writes a big tool result that parses back to the same message', () => {
    const message = answerOf(successResult(bigOutput(200)));
    const text = serializeJsonRpcMessage(message);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(message)));
    // The structured output is written from the text, not serialized again.
    expect(text.endsWith(`"structuredContent":${JSON.stringify(bigOutput(200))}}}`)).toBe(true);
  });

  it('keeps isError, _meta and the id of the result', () => {
    const result = { ...successResult(bigOutput(100)), _meta: { note: 'x' } };
    const message = answerOf(result, 'call-7');
    expect(JSON.parse(serializeJsonRpcMessage(message))).toEqual(
      JSON.parse(JSON.stringify(message)),
    );
  });

  it('writes a result a second time the plain way, with the same outcome', () => {
    const message = answerOf(successResult(bigOutput(100)));
    const first = serializeJsonRpcMessage(message);
    expect(JSON.parse(serializeJsonRpcMessage(message))).toEqual(JSON.parse(first));
  });

  it('serializes small results, other messages and foreign results exactly as JSON.stringify', () => {
    const small = answerOf(successResult({ secret: { secretKey: 'A' } }));
    const request: JSONRPCMessage = { jsonrpc: '2.0', id: 2, method: 'ping' };
    const foreignText = JSON.stringify(bigOutput(100));
    const foreign = answerOf({
      content: [{ type: 'text', text: foreignText }],
      structuredContent: { other: true },
    });
    for (const message of [small, request, foreign]) {
      expect(serializeJsonRpcMessage(message)).toBe(JSON.stringify(message));
    }
  });
});
