import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/**
 * A tool result carries its output twice: as `structuredContent`, and as the same JSON in a
 * text block for clients that read only text (the MCP spec's advice). Serializing the message
 * then serializes the output a second time; for a 100-secret list that is a third of the
 * message's serialization. These are the texts {@link successResult} made from an output, so a
 * transport can write such a text as the serialized `structuredContent` instead.
 *
 * Small texts are not worth it. Entries leave when a transport takes them, or when newer ones
 * push them out (a transport that serializes on its own never takes them), so at most
 * {@link REMEMBERED} texts are held beyond their message's life.
 */
const outputTexts = new Set<string>();
const WORTH_IT_CHARS = 4_096;
const REMEMBERED = 16;

/** Records that `text` is exactly `JSON.stringify` of the output it is sent with. */
export function rememberOutputText(text: string): void {
  if (text.length < WORTH_IT_CHARS) return;
  outputTexts.add(text);
  if (outputTexts.size > REMEMBERED)
    outputTexts.delete(outputTexts.values().next().value as string);
}

interface ToolResultShape {
  content?: unknown;
  structuredContent?: unknown;
}

/**
 * `JSON.stringify(message)`, with a tool result's structured output written from its text
 * block when that text was made from it. The SDK's checks of a result copy `structuredContent`
 * (a shallow copy: same keys, in order, same values), so it serializes to that same text.
 */
export function serializeJsonRpcMessage(message: JSONRPCMessage): string {
  const result = 'result' in message ? (message.result as ToolResultShape) : undefined;
  const text = result?.structuredContent === undefined ? undefined : firstText(result.content);
  if (text === undefined || !outputTexts.delete(text)) return JSON.stringify(message);
  const { structuredContent: _structured, ...resultRest } = result as ToolResultShape;
  const { result: _result, ...envelope } = message as { result: unknown };
  // Ends in `}}`: `result` is the envelope's last member and holds at least `content`.
  const head = JSON.stringify({ ...envelope, result: resultRest });
  return `${head.slice(0, -2)},"structuredContent":${text}}}`;
}

function firstText(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  const first = content[0] as { type?: unknown; text?: unknown } | undefined;
  return first?.type === 'text' && typeof first.text === 'string' ? first.text : undefined;
}
