import {
  initializeRequest,
  responseFromJson,
  responseFromSse,
  type SseEvent,
  STREAMABLE_ACCEPT,
  sseEventsOf,
} from '@infisical/mcp-test-kit';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export { initializeRequest, metricValue, STREAMABLE_ACCEPT } from '@infisical/mcp-test-kit';

/** The `initialize` POST that opens a session. */
export function postInitialize(
  app: FastifyInstance,
  protocolVersion = '2025-11-25',
  clientName = 'by-hand',
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/mcp',
    headers: { 'content-type': 'application/json', accept: STREAMABLE_ACCEPT, ...headers },
    payload: initializeRequest(clientName, protocolVersion),
  });
}

/** A POST inside a session, with the headers the spec requires after initialization. */
export function postToSession(
  app: FastifyInstance,
  sessionId: string,
  protocolVersion: string,
  message: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/mcp',
    headers: {
      'content-type': 'application/json',
      accept: STREAMABLE_ACCEPT,
      'mcp-session-id': sessionId,
      'mcp-protocol-version': protocolVersion,
      ...headers,
    },
    payload: JSON.stringify(message),
  });
}

/**
 * Opens a Streamable HTTP session by hand, as a spec-following client does: initialize, then
 * notifications/initialized. Resolves with the session id the server assigned.
 */
export async function openSessionByHand(
  app: FastifyInstance,
  protocolVersion = '2025-11-25',
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await postInitialize(app, protocolVersion, 'by-hand', headers);
  const sessionId = response.headers['mcp-session-id'];
  if (response.statusCode !== 200 || typeof sessionId !== 'string') {
    throw new Error(`initialize failed: ${response.statusCode} ${response.body}`);
  }
  await answerOf(response, 0);
  const initialized = await postToSession(
    app,
    sessionId,
    protocolVersion,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    headers,
  );
  if (initialized.statusCode !== 202) {
    throw new Error(`notifications/initialized: expected 202, got ${initialized.statusCode}`);
  }
  return sessionId;
}

/**
 * The answer to request `id` in a POST's response, which the spec lets the server send as JSON
 * or as an event stream: this server answers JSON unless the request needs a stream.
 */
export async function answerOf(
  response: LightMyRequestResponse,
  id: number | string,
): Promise<{ event?: SseEvent; message: Record<string, unknown> }> {
  if (String(response.headers['content-type'] ?? '').includes('application/json')) {
    return { message: responseFromJson(response.json(), id) };
  }
  return responseFromSse(sseEventsOf(response.body), id);
}

/** The body as JSON, or an error that shows what came instead. */
export function parseJson<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new Error(
      `expected a JSON body, got ${response.statusCode}: ${response.body.slice(0, 300)}`,
    );
  }
}
