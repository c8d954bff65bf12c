import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { rememberOutputText } from './serialize-message.js';

/**
 * A successful result carries the typed output as `structuredContent` and, for clients that
 * only read text, the same JSON serialized in a text block, as the MCP spec recommends. Compact,
 * not indented: the indentation of a 100-secret list is a quarter of its text, which a model pays
 * for in tokens and every transport in bytes.
 */
export function successResult(output: Record<string, unknown>): CallToolResult {
  const text = JSON.stringify(output);
  rememberOutputText(text);
  return { content: [{ type: 'text', text }], structuredContent: output };
}

/** A failure the model should read and act on: a result, not a protocol error. */
export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
