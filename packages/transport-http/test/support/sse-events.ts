export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * The events of one block of text/event-stream, as far as it is complete. Comment lines
 * (keep-alives) are skipped; the priming event of MCP 2025-11-25 (an id with empty data) is kept.
 */
function parseBlock(block: string): SseEvent | undefined {
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
    .map(parseBlock)
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
      const event = parseBlock(buffered.slice(0, boundary));
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
