import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/safety/policy.js';
import { createInfisicalMcpServer } from '../src/server/create-infisical-mcp-server.js';

/** Raw JSON-RPC, so the request can carry params no SDK client would send. */
async function answerTo(message: Record<string, unknown>) {
  const server = createInfisicalMcpServer({
    infisical: {
      hostUrl: 'http://127.0.0.1:9',
      auth: { method: 'access-token', accessToken: 't' },
    },
    policy: defaultPolicy(),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const answers: JSONRPCMessage[] = [];
  clientSide.onmessage = (answer) => answers.push(answer);
  await clientSide.start();
  await clientSide.send({ jsonrpc: '2.0', id: 1, ...message } as JSONRPCMessage);
  await expect.poll(() => answers.length).toBe(1);
  await server.close();
  return answers[0] as { error?: { code: number; message: string }; result?: unknown };
}

describe('params that do not match the method', () => {
  it('are answered as invalid params (-32602) naming the field, not as an internal error', async () => {
    const answer = await answerTo({
      method: 'tools/call',
      params: { name: 'list-projects', arguments: [] },
    });
    expect(answer.error).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/^Invalid params: params.arguments/),
    });
  });

  it('carry no "MCP error" prefix on the wire: the client adds its own', async () => {
    const unknown = await answerTo({ method: 'tools/call', params: { name: 'no-such-tool' } });
    expect(unknown.error).toMatchObject({
      code: -32602,
      message: expect.stringMatching(/^Unknown tool/),
    });
    const mismatch = await answerTo({ method: 'tools/call', params: { name: 1 } });
    expect(mismatch.error?.message).not.toMatch(/MCP error/);
  });

  it('whatever the method, handlers the SDK registers itself included', async () => {
    const answer = await answerTo({ method: 'logging/setLevel', params: { level: 'loud' } });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining('level') });
  });

  it('leave well-formed requests to their handler', async () => {
    const answer = await answerTo({ method: 'ping' });
    expect(answer).toMatchObject({ result: {} });
  });
});
