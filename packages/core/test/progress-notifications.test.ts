import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/safety/policy.js';
import { createInfisicalMcpServer } from '../src/server/create-infisical-mcp-server.js';
import { defineTool } from '../src/tools/infisical-tool.js';

const slowTool = defineTool({
  name: 'slow-batch',
  title: 'Slow batch',
  description: 'Works through items and reports progress.',
  toolset: 'test',
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  inputSchema: Type.Object({ items: Type.Integer({ minimum: 1, description: 'How many.' }) }),
  outputSchema: Type.Object({ done: Type.Integer() }),
  async handler({ items }, { reportProgress }) {
    for (let done = 1; done <= items; done++) {
      await reportProgress(done, items, `item ${done} of ${items}`);
    }
    return { done: items };
  },
});

async function connect() {
  const server = createInfisicalMcpServer({
    infisical: {
      hostUrl: 'http://127.0.0.1:9',
      auth: { method: 'access-token', accessToken: 't' },
    },
    tools: [slowTool],
    policy: defaultPolicy(),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'progress-test', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

describe('ToolContext.reportProgress', () => {
  it('sends progress notifications when the client asks for them', async () => {
    const client = await connect();
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const result = await client.callTool(
      { name: 'slow-batch', arguments: { items: 3 } },
      undefined,
      {
        onprogress: (progress) => seen.push(progress),
      },
    );
    expect(result.structuredContent).toEqual({ done: 3 });
    expect(seen).toEqual([
      { progress: 1, total: 3, message: 'item 1 of 3' },
      { progress: 2, total: 3, message: 'item 2 of 3' },
      { progress: 3, total: 3, message: 'item 3 of 3' },
    ]);
    await client.close();
  });

  it('is silent when the client did not ask', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'slow-batch', arguments: { items: 2 } });
    expect(result.structuredContent).toEqual({ done: 2 });
    await client.close();
  });
});
