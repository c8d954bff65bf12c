// Light MCP sessions for load: raw HTTP and WebSocket frames instead of the SDK client, so the
// bench process spends as little CPU as possible on its side of each call (it shares the two
// cores with the server and the sandbox).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { answerWithId, createKeepAliveAgent, expectJsonRpcRefusal, sendJson } from './raw-http.mjs';

const PROTOCOL_VERSION = '2025-06-18';
const INITIALIZE_PARAMS = {
  protocolVersion: PROTOCOL_VERSION,
  capabilities: {},
  clientInfo: { name: 'infisical-mcp-bench', version: '0.0.0' },
};
const STREAMABLE_ACCEPT = 'application/json, text/event-stream';
/** The codes our server refuses with before any MCP work (packages/transport-http). */
const SESSION_NOT_FOUND = -32001;
const PARSE_ERROR = -32700;

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
  return {
    ...postedRequests((payload) => sendJson(url, { agent, headers, payload })),
    close: async () => {
      await sendJson(url, { method: 'DELETE', agent, headers }).catch(() => {});
    },
  };
}

/**
 * Requests sent one POST each by `post`, answered in its body (JSON, or an SSE stream for a
 * session): a tool call, or a `ping` that reaches no tool.
 */
function postedRequests(post) {
  let nextId = 1;
  const request = async (method, params) => {
    const id = nextId++;
    return answerWithId(await post({ jsonrpc: '2.0', id, method, params }), id);
  };
  return {
    callTool: async (name, args) =>
      checkToolResult(name, await request('tools/call', { name, arguments: args })),
    ping: () => request('ping'),
  };
}

/**
 * Plain JSON-RPC over Streamable HTTP: one POST, a JSON answer, no session (as curl does). The
 * ceiling route takes the same POST. Closing destroys the agent only if it was made here.
 */
export async function plainJsonRpcSession(baseUrl, agent) {
  const ownAgent = agent ? undefined : createKeepAliveAgent();
  const url = new URL('/mcp', baseUrl);
  const headers = { accept: 'application/json' };
  return {
    ...postedRequests((payload) => sendJson(url, { agent: agent ?? ownAgent, headers, payload })),
    close: async () => ownAgent?.destroy(),
  };
}

/**
 * MCP over a channel that carries one JSON-RPC message per frame (WebSocket, stdio, legacy SSE):
 * requests wait for the answer with their id, from `receive`; `fail` rejects all that wait.
 */
function messageChannel(sendFrame) {
  const pending = new Map();
  let nextId = 0;
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) =>
        message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result),
      );
      Promise.resolve(sendFrame({ jsonrpc: '2.0', id, method, params })).catch((error) => {
        pending.delete(id);
        reject(error);
      });
    });
  return {
    request,
    notify: (method) => sendFrame({ jsonrpc: '2.0', method }),
    receive: (message) => {
      const settle = pending.get(message.id);
      if (!settle) return;
      pending.delete(message.id);
      settle(message);
    },
    fail: (reason) => {
      for (const settle of pending.values()) settle({ error: { message: reason } });
      pending.clear();
    },
    /** Initializes, then offers the calls. */
    async open(close) {
      await request('initialize', INITIALIZE_PARAMS);
      await this.notify('notifications/initialized');
      return {
        callTool: async (name, args) =>
          checkToolResult(name, await request('tools/call', { name, arguments: args })),
        ping: () => request('ping'),
        close,
      };
    },
  };
}

/** A WebSocket with subprotocol `mcp`, resolved once open. */
async function openMcpWebSocket(websocketUrl) {
  const socket = new WebSocket(websocketUrl, 'mcp');
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

async function closeWebSocket(socket) {
  if (socket.readyState === WebSocket.CLOSED) return;
  await new Promise((resolve) => {
    socket.once('close', resolve);
    socket.close();
  });
}

/** A WebSocket session (subprotocol `mcp`, one JSON-RPC message per text frame). */
export async function webSocketSession(websocketUrl) {
  const socket = await openMcpWebSocket(websocketUrl);
  const channel = messageChannel((message) => socket.send(JSON.stringify(message)));
  socket.on('message', (data) => channel.receive(JSON.parse(data.toString())));
  socket.on('close', () => channel.fail('socket closed'));
  return channel.open(() => closeWebSocket(socket));
}

/**
 * POSTs of a valid `ping` naming a session that does not exist: our server answers 404 after
 * its hooks, the body's parsing and JSON-RPC check and the session store's lookup, before any
 * MCP work. `send` throws on any other answer.
 */
export function unknownSessionPoster(baseUrl, agent = createKeepAliveAgent()) {
  const url = new URL('/mcp', baseUrl);
  const headers = sessionHeaders(`bench-unknown-${randomUUID()}`);
  const payload = { jsonrpc: '2.0', id: 1, method: 'ping' };
  return {
    send: async () =>
      expectJsonRpcRefusal(await sendJson(url, { agent, headers, payload }), {
        status: 404,
        code: SESSION_NOT_FOUND,
      }),
    close: async () => {},
  };
}

/**
 * Text frames that are not JSON on an MCP WebSocket: our server answers each with a JSON-RPC
 * parse error before any MCP work. One frame at a time, as the error names no request; `send`
 * throws on any other answer.
 */
export async function unparsableFrameSender(websocketUrl) {
  const socket = await openMcpWebSocket(websocketUrl);
  let waiting;
  const settle = (outcome) => {
    const current = waiting;
    waiting = undefined;
    current?.(outcome);
  };
  socket.on('message', (data) => settle({ text: data.toString() }));
  socket.on('close', () => settle({ error: new Error('socket closed') }));
  return {
    send: async () => {
      if (waiting) throw new Error('a frame is already waiting for its answer');
      const answered = new Promise((resolve) => {
        waiting = resolve;
      });
      socket.send('not json');
      const { text, error } = await answered;
      if (error) throw error;
      if (JSON.parse(text).error?.code !== PARSE_ERROR) {
        throw new Error(`expected a JSON-RPC parse error (${PARSE_ERROR}), got ${text}`);
      }
    },
    close: () => closeWebSocket(socket),
  };
}

/** The stdio server as a child process, one JSON-RPC message per line each way. */
export async function stdioSession({ bin, env, nodeOptions = [] }) {
  const child = spawn(process.execPath, [...nodeOptions, bin], {
    env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const channel = messageChannel((message) => {
    child.stdin.write(`${JSON.stringify(message)}\n`);
  });
  createInterface({ input: child.stdout }).on('line', (line) => channel.receive(JSON.parse(line)));
  child.once('exit', () => channel.fail('the server exited'));
  return channel.open(async () => {
    if (child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.stdin.end();
      child.kill('SIGTERM');
    });
  });
}

/**
 * A legacy HTTP+SSE session: answers arrive on the GET /sse stream, requests are POSTed to the
 * endpoint it announces.
 */
export async function legacySseSession(baseUrl, agent = createKeepAliveAgent()) {
  let announce;
  const endpoint = new Promise((resolve, reject) => {
    announce = { resolve, reject };
  });
  let postUrl;
  const channel = messageChannel(async (message) => {
    const response = await sendJson(postUrl, { agent, payload: message });
    if (response.status !== 202) throw new Error(`HTTP ${response.status}: ${response.body}`);
  });
  // Its own connection: the stream holds it for the whole session.
  const stream = http.get(new URL('/sse', baseUrl), { headers: { accept: 'text/event-stream' } });
  stream.once('error', (error) => announce.reject(error));
  stream.once('response', (response) => {
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const event = parseSseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event.name === 'endpoint') announce.resolve(event.data);
        else if (event.data) channel.receive(JSON.parse(event.data));
      }
    });
    response.once('close', () => channel.fail('the event stream closed'));
  });
  postUrl = new URL(await endpoint, baseUrl);
  return channel.open(async () => stream.destroy());
}

function parseSseEvent(block) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return { name, data: data.join('\n') };
}
