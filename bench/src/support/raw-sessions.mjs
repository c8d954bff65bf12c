// Light MCP sessions for load: raw HTTP and WebSocket frames instead of the SDK client, so the
// bench process spends as little CPU as possible on its side of each call (it shares the two
// cores with the server and the sandbox).
import { WebSocket } from 'ws';
import { answerWithId, createKeepAliveAgent, sendJson } from './raw-http.mjs';

const PROTOCOL_VERSION = '2025-06-18';
const INITIALIZE_PARAMS = {
  protocolVersion: PROTOCOL_VERSION,
  capabilities: {},
  clientInfo: { name: 'infisical-mcp-bench', version: '0.0.0' },
};
const STREAMABLE_ACCEPT = 'application/json, text/event-stream';

function toolCallMessage(id, name, args) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

function checkToolResult(name, result) {
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result;
}

/** Opens a Streamable HTTP session with a raw initialize POST; returns its id. */
export async function openStreamableHttpSession(baseUrl, agent, { notifyInitialized = true } = {}) {
  const url = new URL('/mcp', baseUrl);
  const response = await sendJson(url, {
    agent,
    headers: { accept: STREAMABLE_ACCEPT },
    payload: { jsonrpc: '2.0', id: 0, method: 'initialize', params: INITIALIZE_PARAMS },
  });
  answerWithId(response, 0);
  const sessionId = response.headers['mcp-session-id'];
  if (!sessionId) throw new Error(`initialize returned no Mcp-Session-Id: ${response.body}`);
  if (notifyInitialized) {
    const notified = await sendJson(url, {
      agent,
      headers: sessionHeaders(sessionId),
      payload: { jsonrpc: '2.0', method: 'notifications/initialized' },
    });
    if (notified.status !== 202) {
      throw new Error(`notifications/initialized: HTTP ${notified.status} ${notified.body}`);
    }
  }
  return sessionId;
}

function sessionHeaders(sessionId) {
  return {
    accept: STREAMABLE_ACCEPT,
    'mcp-session-id': sessionId,
    'mcp-protocol-version': PROTOCOL_VERSION,
  };
}

export async function streamableHttpSession(baseUrl, agent = createKeepAliveAgent()) {
  const url = new URL('/mcp', baseUrl);
  const sessionId = await openStreamableHttpSession(baseUrl, agent);
  const headers = sessionHeaders(sessionId);
  let nextId = 1;
  return {
    callTool: async (name, args) => {
      const id = nextId++;
      const response = await sendJson(url, {
        agent,
        headers,
        payload: toolCallMessage(id, name, args),
      });
      return checkToolResult(name, answerWithId(response, id));
    },
    close: async () => {
      await sendJson(url, { method: 'DELETE', agent, headers }).catch(() => {});
    },
  };
}

/** The ceiling route takes the same POST as a plain JSON-RPC tool call. */
export async function ceilingSession(ceilingUrl, agent = createKeepAliveAgent()) {
  const url = new URL('/mcp', ceilingUrl);
  let nextId = 1;
  return {
    callTool: async (name, args) => {
      const id = nextId++;
      const response = await sendJson(url, {
        agent,
        headers: { accept: 'application/json' },
        payload: toolCallMessage(id, name, args),
      });
      return checkToolResult(name, answerWithId(response, id));
    },
    close: async () => {},
  };
}

/** A WebSocket session (subprotocol `mcp`, one JSON-RPC message per text frame). */
export async function webSocketSession(websocketUrl) {
  const socket = new WebSocket(websocketUrl, 'mcp');
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    settle(message);
  });
  socket.on('close', () => {
    for (const settle of pending.values()) settle({ error: { message: 'socket closed' } });
    pending.clear();
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) =>
        message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result),
      );
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  await request('initialize', INITIALIZE_PARAMS);
  socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  return {
    callTool: async (name, args) =>
      checkToolResult(name, await request('tools/call', { name, arguments: args })),
    close: async () => {
      if (socket.readyState === WebSocket.CLOSED) return;
      await new Promise((resolve) => {
        socket.once('close', resolve);
        socket.close();
      });
    },
  };
}
