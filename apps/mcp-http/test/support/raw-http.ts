import { type IncomingHttpHeaders, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequestOptions {
  method?: string;
  /** Sent as given: unlike fetch, node:http lets a test set Host and Origin freely. */
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * One HTTP request on its own connection (no keep-alive agent), read to the end. For answers
 * that are JSON or short; event streams are read with {@link readSseEvents} over fetch.
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

export function parseJson<T = Record<string, unknown>>(response: RawResponse): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new Error(`expected a JSON body, got ${response.status}: ${response.body.slice(0, 300)}`);
  }
}

/** What a Streamable HTTP client sends with every POST. */
export const STREAMABLE_ACCEPT = 'application/json, text/event-stream';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * Yields the events of a text/event-stream body as they arrive. Comment lines (keep-alives)
 * are skipped; the priming event of MCP 2025-11-25 (an id with empty data) is yielded.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true }).replace(/\r\n/g, '\n');
    let boundary = buffered.indexOf('\n\n');
    while (boundary !== -1) {
      const block = buffered.slice(0, boundary);
      buffered = buffered.slice(boundary + 2);
      boundary = buffered.indexOf('\n\n');
      const event: SseEvent = { data: '' };
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const name = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        fields++;
        if (name === 'id') event.id = value;
        else if (name === 'event') event.event = value;
        else if (name === 'data') data.push(value);
      }
      if (fields === 0) continue;
      event.data = data.join('\n');
      yield event;
    }
  }
}

/** The first JSON-RPC message with this id in an event stream, or an error if it never comes. */
export async function responseFromSse(
  events: AsyncGenerator<SseEvent>,
  id: number | string,
): Promise<{ event: SseEvent; message: Record<string, unknown> }> {
  for await (const event of events) {
    if (!event.data) continue;
    const message = JSON.parse(event.data) as Record<string, unknown>;
    if (message.id === id) return { event, message };
  }
  throw new Error(`the event stream ended without a response to request ${id}`);
}

/**
 * The answer to request `id` in a POST's response, which the spec lets the server send as JSON
 * or as an event stream: this server answers JSON unless the request needs a stream.
 */
export async function answerOf(
  response: Response,
  id: number | string,
): Promise<{ event?: SseEvent; message: Record<string, unknown> }> {
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    const body = (await response.json()) as Record<string, unknown> | Record<string, unknown>[];
    const message = (Array.isArray(body) ? body : [body]).find((answer) => answer.id === id);
    if (!message) throw new Error(`the JSON answer has no response to request ${id}`);
    return { message };
  }
  if (!response.body) throw new Error(`an answer without a body: ${response.status}`);
  return responseFromSse(readSseEvents(response.body as ReadableStream<Uint8Array>), id);
}

/** The `initialize` request a client opens a session with (id 0). */
export function initializeRequest(clientName: string, protocolVersion = '2025-11-25') {
  return {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion,
      capabilities: {},
      clientInfo: { name: clientName, version: '1.0.0' },
    },
  };
}

/**
 * Opens a Streamable HTTP session by hand, as a spec-following client does: initialize, then
 * notifications/initialized. Resolves with the session id the server assigned.
 */
export async function openSessionByHand(
  baseUrl: string,
  protocolVersion = '2025-11-25',
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await postInitialize(baseUrl, protocolVersion, 'by-hand', headers);
  const sessionId = response.headers.get('mcp-session-id');
  if (response.status !== 200 || !sessionId || !response.body) {
    throw new Error(`initialize failed: ${response.status} ${await response.text()}`);
  }
  await answerOf(response, 0);
  const initialized = await postToSession(
    baseUrl,
    sessionId,
    protocolVersion,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    headers,
  );
  if (initialized.status !== 202) {
    throw new Error(`notifications/initialized: expected 202, got ${initialized.status}`);
  }
  return sessionId;
}

/** The `initialize` POST that opens a session, as fetch answers it (the body unread). */
export function postInitialize(
  baseUrl: string,
  protocolVersion = '2025-11-25',
  clientName = 'by-hand',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT, ...headers },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion,
        capabilities: {},
        clientInfo: { name: clientName, version: '1.0.0' },
      },
    }),
  });
}

/** A POST inside a session, with the headers the spec requires after initialization. */
export function postToSession(
  baseUrl: string,
  sessionId: string,
  protocolVersion: string,
  message: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: STREAMABLE_ACCEPT,
      'mcp-session-id': sessionId,
      'mcp-protocol-version': protocolVersion,
      ...headers,
    },
    body: JSON.stringify(message),
  });
}

/** Reads one sample of a Prometheus text exposition, e.g. `mcp_tool_calls_total{tool="x"}`. */
export function metricValue(
  exposition: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [
        pair[1],
        pair[2],
      ]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) {
      return Number(match[4]);
    }
  }
  return undefined;
}
