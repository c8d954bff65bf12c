// What tests of the Streamable HTTP transport read and send by hand, whatever carries the bytes
// (fastify's inject in transport-http, fetch against the built binary in mcp-http).

/** What a Streamable HTTP client sends with every POST. */
export const STREAMABLE_ACCEPT = 'application/json, text/event-stream';

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

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * One block of text/event-stream. Comment lines (keep-alives) are skipped; the priming event of
 * MCP 2025-11-25 (an id with empty data) is kept.
 */
function parseSseBlock(block: string): SseEvent | undefined {
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
  if (fields === 0) return undefined;
  event.data = data.join('\n');
  return event;
}

/** The events of a whole text/event-stream body, as `inject` returns it. */
export function sseEventsOf(body: string): SseEvent[] {
  return body
    .replace(/\r\n/g, '\n')
    .split('\n\n')
    .map(parseSseBlock)
    .filter((event): event is SseEvent => event !== undefined);
}

/** Yields the events of a text/event-stream body as they arrive over a real connection. */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true }).replace(/\r\n/g, '\n');
    let boundary = buffered.indexOf('\n\n');
    while (boundary !== -1) {
      const event = parseSseBlock(buffered.slice(0, boundary));
      buffered = buffered.slice(boundary + 2);
      boundary = buffered.indexOf('\n\n');
      if (event) yield event;
    }
  }
}

/** The first JSON-RPC message with this id in an event stream, or an error if it never comes. */
export async function responseFromSse(
  events: AsyncIterable<SseEvent> | Iterable<SseEvent>,
  id: number | string,
): Promise<{ event: SseEvent; message: Record<string, unknown> }> {
  for await (const event of events) {
    if (!event.data) continue;
    const message = JSON.parse(event.data) as Record<string, unknown>;
    if (message.id === id) return { event, message };
  }
  throw new Error(`the event stream ended without a response to request ${id}`);
}

/** The answer to request `id` in a JSON body (one message or a batch), or an error. */
export function responseFromJson(body: unknown, id: number | string): Record<string, unknown> {
  const messages = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
  const message = messages.find((answer) => answer.id === id);
  if (!message) throw new Error(`the JSON answer has no response to request ${id}`);
  return message;
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
