/**
 * A JSON-RPC error answered with this code, message and data as written. The SDK's McpError
 * would put "MCP error <code>:" in front of the message on the wire, and the client's McpError
 * adds it once more.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    readonly code: number,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
  }
}
