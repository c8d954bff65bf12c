import { type IncomingHttpHeaders, request } from 'node:http';
import {
  initializeRequest,
  readSseEvents,
  responseFromJson,
  responseFromSse,
  type SseEvent,
  STREAMABLE_ACCEPT,
} from '@infisical/mcp-test-kit';

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
export {
  metricValue,
  readSseEvents,
  responseFromSse,
  type SseEvent,
  STREAMABLE_ACCEPT,
} from '@infisical/mcp-test-kit';

/**
 * The answer to request `id` in a POST's response, which the spec lets the server send as JSON
 * or as an event stream: this server answers JSON unless the request needs a stream.
 */
export async function answerOf(
  response: Response,
  id: number | string,
): Promise<{ event?: SseEvent; message: Record<string, unknown> }> {
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    return { message: responseFromJson(await response.json(), id) };
  }
  if (!response.body) throw new Error(`an answer without a body: ${response.status}`);
  return responseFromSse(readSseEvents(response.body as ReadableStream<Uint8Array>), id);
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
    body: JSON.stringify(initializeRequest(clientName, protocolVersion)),
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
