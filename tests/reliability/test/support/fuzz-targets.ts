import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startSandboxProcess } from '@infisical/mcp-bench/src/support/sandbox-process.mjs';
import {
  infisicalEnvironment,
  OUR_STDIO_BIN,
  startOurHttpServer,
  stopChild,
} from '@infisical/mcp-bench/src/support/server-processes.mjs';
import { WebSocket } from 'ws';

type Message = Record<string, unknown>;

/** What one hostile message got: the HTTP status (HTTP only) and every JSON-RPC reply to it. */
export interface Answer {
  status?: number;
  replies: Message[];
  /** A ping sent right after it, on the same connection or session, was answered. */
  stillServing: boolean;
  /** The server closed the WebSocket (close code); then `stillServing` tells of a new one. */
  closedWith?: number;
}

export interface FuzzTarget {
  name: string;
  send(text: string): Promise<Answer>;
  close(): Promise<void>;
}

const REPLY_TIMEOUT_MS = 5_000;
const PROTOCOL_VERSION = '2025-06-18';
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 'init',
  method: 'initialize',
  params: {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'fuzz', version: '1.0.0' },
  },
};

/** The id a reply to `text` would carry, if `text` is a request the server must answer. */
function requestId(text: string): string | number | undefined {
  try {
    const value = JSON.parse(text) as Message;
    const id = value?.id;
    const isRequest = typeof value?.method === 'string' && value.jsonrpc === '2.0';
    return isRequest && (typeof id === 'string' || typeof id === 'number') ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A connection that carries one message per frame or line (stdio, WebSocket, legacy SSE): each
 * hostile message is followed by a ping; its replies are what arrives until the ping's answer
 * (and the hostile request's own answer, which a slow tool may send after it).
 */
class MessageChannel {
  private listeners = new Set<(message: Message) => void>();
  private sentinel = 0;

  constructor(private readonly write: (text: string) => unknown) {}

  deliver(message: Message): void {
    for (const listener of this.listeners) listener(message);
  }

  /**
   * `write` may return false: the message was refused outright (an HTTP 4xx), so no reply to it
   * will come on the channel.
   */
  async exchange(text: string): Promise<Omit<Answer, 'status'>> {
    const ping = `sentinel-${++this.sentinel}`;
    const awaited = requestId(text);
    const replies: Message[] = [];
    let answered = awaited === undefined;
    let pinged = false;
    let settle!: (serving: boolean) => void;
    const done = new Promise<boolean>((resolve) => {
      settle = resolve;
    });
    const timer = setTimeout(() => settle(false), REPLY_TIMEOUT_MS);
    const check = () => {
      if (pinged && answered) settle(true);
    };
    const listener = (message: Message) => {
      if (message.id === ping) pinged = true;
      else {
        replies.push(message);
        // An unreadable request is answered with id null: it had no usable id.
        if (message.id === awaited || (message.id === null && 'error' in message)) answered = true;
      }
      check();
    };
    this.listeners.add(listener);
    if ((await this.write(text)) === false) answered = true;
    await this.write(JSON.stringify({ jsonrpc: '2.0', id: ping, method: 'ping' }));
    check();
    const stillServing = await done;
    clearTimeout(timer);
    this.listeners.delete(listener);
    return { replies, stillServing };
  }
}

async function stdioTarget(env: Record<string, string>): Promise<FuzzTarget> {
  const child: ChildProcess = spawn(process.execPath, [OUR_STDIO_BIN], {
    env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const channel = new MessageChannel((text) => {
    child.stdin?.write(`${text}\n`);
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    channel.deliver(JSON.parse(line) as Message);
  });
  await channel.exchange(JSON.stringify(INITIALIZE));
  await channel.exchange(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  return {
    name: 'stdio',
    send: async (text) => channel.exchange(text),
    close: () => stopChild(child),
  };
}

async function webSocketTarget(url: string): Promise<FuzzTarget> {
  let socket: WebSocket;
  let channel: MessageChannel;
  // A frame above the limit closes the connection (1009) by design: the next case reconnects.
  const open = async () => {
    socket = new WebSocket(url, 'mcp');
    socket.on('error', () => {});
    channel = new MessageChannel(
      (text) => new Promise<void>((resolve) => socket.send(text, () => resolve())),
    );
    socket.on('message', (data) => channel.deliver(JSON.parse(data.toString()) as Message));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('close', reject);
    });
    await channel.exchange(JSON.stringify(INITIALIZE));
  };
  await open();
  return {
    name: 'websocket',
    async send(text) {
      if (socket.readyState !== WebSocket.OPEN) await open();
      const closed = new Promise<number>((resolve) => socket.once('close', resolve));
      const answer = await Promise.race([channel.exchange(text), closed]);
      if (typeof answer !== 'number') return answer;
      // Closed, which is right only for a frame over the limit (1009; 1006 when the close
      // crossed the rest of a large frame still being sent); then a new socket must work.
      await open();
      const after = await channel.exchange('{"jsonrpc":"2.0","id":"after","method":"ping"}');
      return { replies: [], stillServing: after.stillServing, closedWith: answer };
    },
    close: async () => socket.close(),
  };
}

/** Legacy HTTP+SSE: messages are POSTed; answers come on the event stream, errors as HTTP 4xx. */
async function legacySseTarget(baseUrl: string): Promise<FuzzTarget> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/sse`, { signal: controller.signal });
  const events = (response.body as ReadableStream<Uint8Array>).getReader();
  let endpoint: string | undefined;
  let channel!: MessageChannel;
  const endpointKnown = new Promise<void>((resolve) => {
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await events.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let cut = buffered.indexOf('\n\n');
        while (cut !== -1) {
          const block = buffered.slice(0, cut);
          buffered = buffered.slice(cut + 2);
          cut = buffered.indexOf('\n\n');
          // Split on LF only: a JSON string may hold U+2028, which a regex "." would stop at.
          const lines = block.split('\n');
          const data = lines
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (lines[0] === 'event: endpoint' && data) {
            endpoint = new URL(data, baseUrl).href;
            resolve();
          } else if (data) channel.deliver(JSON.parse(data) as Message);
        }
      }
    })();
  });
  let lastStatus = 0;
  channel = new MessageChannel(async (text) => {
    const posted = await fetch(endpoint as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    });
    await posted.text();
    if (!text.includes('"sentinel-')) lastStatus = posted.status;
    return posted.status === 202;
  });
  await endpointKnown;
  await channel.exchange(JSON.stringify(INITIALIZE));
  return {
    name: 'legacy-sse',
    async send(text) {
      const answer = await channel.exchange(text);
      return { status: lastStatus, replies: answer.replies, stillServing: answer.stillServing };
    },
    close: async () => controller.abort(),
  };
}

/** Streamable HTTP: each message is a POST inside one session; the answer is its body. */
async function streamableHttpTarget(baseUrl: string): Promise<FuzzTarget> {
  const post = async (text: string, sessionId?: string) => {
    const response = await fetch(`${baseUrl}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': PROTOCOL_VERSION,
        ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
      },
      body: text,
    });
    const body = await response.text();
    const replies: Message[] = [];
    const texts = response.headers.get('content-type')?.includes('text/event-stream')
      ? [...body.matchAll(/^data: (.+)$/gm)].map((match) => match[1] as string)
      : body
        ? [body]
        : [];
    for (const item of texts) {
      try {
        const parsed = JSON.parse(item) as Message | Message[];
        replies.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      } catch {
        replies.push({ unparsable: item });
      }
    }
    return { status: response.status, replies, sessionId: response.headers.get('mcp-session-id') };
  };
  const opened = await post(JSON.stringify(INITIALIZE));
  const sessionId = opened.sessionId as string;
  await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), sessionId);
  return {
    name: 'streamable-http',
    async send(text) {
      const { status, replies } = await post(text, sessionId);
      const ping = await post('{"jsonrpc":"2.0","id":"sentinel","method":"ping"}', sessionId);
      return { status, replies, stillServing: ping.status === 200 && ping.replies.length === 1 };
    },
    close: async () => {},
  };
}

/** The sandbox, both servers, and one open connection per transport. */
export async function openTransports() {
  const sandbox = await startSandboxProcess();
  const http = await startOurHttpServer(sandbox);
  const env = infisicalEnvironment(sandbox) as Record<string, string>;
  const all = [
    await stdioTarget(env),
    await streamableHttpTarget(http.baseUrl),
    await legacySseTarget(http.baseUrl),
    await webSocketTarget(http.websocketUrl),
  ];
  return {
    all,
    byName: Object.fromEntries(all.map((target) => [target.name, target])) as Record<
      'stdio' | 'streamable-http' | 'legacy-sse' | 'websocket',
      FuzzTarget
    >,
    projectId: sandbox.projectId as string,
    httpUrl: http.baseUrl as string,
    admin: sandbox.admin,
    async close() {
      await Promise.allSettled(all.map((target) => target.close()));
      await http.stop();
      await sandbox.stop();
    },
  };
}
