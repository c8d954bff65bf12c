// One "caller" per way of reaching a tool: each has callTool(name, args) resolving with the tool
// result (and throwing on a tool or protocol error, so a broken setup never yields fast numbers)
// and close().
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { WebSocket } from 'ws';

// The SDK's WebSocketClientTransport uses the global WebSocket, which Node 20 lacks.
if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket });

function checkToolResult(name, result) {
  if (result.isError) {
    throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 500)}`);
  }
  return result;
}

/**
 * The official MCP SDK client, as agents use it. It does not list tools first, so it does not
 * validate structured output against the tools' schemas: that is client work, not the server's.
 */
async function sdkCaller(transport) {
  const client = new Client({ name: 'infisical-mcp-bench', version: '0.0.0' });
  await client.connect(transport);
  return {
    callTool: async (name, args) =>
      checkToolResult(name, await client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

export function stdioCaller({ bin, env }) {
  return sdkCaller(
    new StdioClientTransport({ command: process.execPath, args: [bin], env, stderr: 'ignore' }),
  );
}

export function streamableHttpSessionCaller(baseUrl) {
  return sdkCaller(new StreamableHTTPClientTransport(new URL('/mcp', baseUrl)));
}

export function legacySseCaller(baseUrl) {
  return sdkCaller(new SSEClientTransport(new URL('/sse', baseUrl)));
}

export function webSocketCaller(websocketUrl) {
  return sdkCaller(new WebSocketClientTransport(new URL(websocketUrl)));
}
