import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  type JSONRPCMessage,
  JSONRPCResultResponseSchema,
  LATEST_PROTOCOL_VERSION,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShapeSortedServer } from '../src/server/shape-sorted-server.js';

async function connectedPair() {
  const server = new ShapeSortedServer({ name: 'test', version: '0.0.0' }, { capabilities: {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const seenFirst: JSONRPCMessage[] = [];
  serverSide.onmessage = (message) => seenFirst.push(message);
  const errors: Error[] = [];
  server.onerror = (error) => errors.push(error);
  await server.connect(serverSide);
  const answers: JSONRPCMessage[] = [];
  clientSide.onmessage = (message) => {
    // The client side answers the server's pings, as a client must.
    if ('method' in message && 'id' in message && message.method === 'ping') {
      void clientSide.send({ jsonrpc: '2.0', id: message.id, result: {} });
      return;
    }
    answers.push(message);
  };
  await clientSide.start();
  return { server, clientSide, seenFirst, errors, answers };
}

afterEach(() => vi.restoreAllMocks());

describe('a server that sorts incoming messages by shape', () => {
  it('answers a request without trying the response guards on it', async () => {
    const { server, clientSide, answers } = await connectedPair();
    const responseGuard = vi.spyOn(JSONRPCResultResponseSchema, 'safeParse');
    await clientSide.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    await expect.poll(() => answers).toEqual([{ jsonrpc: '2.0', id: 1, result: {} }]);
    expect(responseGuard).not.toHaveBeenCalled();
    await server.close();
  });

  it('delivers notifications to their handler', async () => {
    const { server, clientSide } = await connectedPair();
    const initialized = vi.fn();
    server.oninitialized = initialized;
    await clientSide.send({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: initializeParams,
    });
    await clientSide.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await expect.poll(() => initialized.mock.calls.length).toBe(1);
    await server.close();
  });

  it("still hands the client's answers to the server's own requests to the SDK", async () => {
    const { server, clientSide } = await connectedPair();
    await clientSide.send({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: initializeParams,
    });
    await expect(server.ping()).resolves.toEqual({});
    await server.close();
  });

  it('reports a message with a method that is neither a request nor a notification', async () => {
    const { server, clientSide, errors, answers } = await connectedPair();
    await clientSide.send({ jsonrpc: '2.0', id: true, method: 'ping' } as never);
    await clientSide.send({ jsonrpc: '2.0', method: 'notifications/x', extra: 1 } as never);
    await expect
      .poll(() => errors.map((error) => error.message))
      .toEqual([
        expect.stringContaining('Unknown message type: {"jsonrpc":"2.0","id":true'),
        expect.stringContaining(
          'Unknown message type: {"jsonrpc":"2.0","method":"notifications/x"',
        ),
      ]);
    expect(answers).toEqual([]);
    await server.close();
  });

  it("calls the transport's earlier message handler first, as the SDK does", async () => {
    const { server, clientSide, seenFirst, answers } = await connectedPair();
    await clientSide.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
    await clientSide.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await expect.poll(() => answers.length).toBe(1);
    expect(seenFirst.map((message) => ('method' in message ? message.method : ''))).toEqual([
      'ping',
      'notifications/initialized',
    ]);
    await server.close();
  });
});

const initializeParams = {
  protocolVersion: LATEST_PROTOCOL_VERSION,
  capabilities: {},
  clientInfo: { name: 'test', version: '0.0.0' },
};
