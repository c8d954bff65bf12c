/**
 * Thrown by an MCP server factory that will not open a session for this request (say, it
 * carries half a set of credentials). The client gets `status` and the message as a JSON-RPC
 * error; a WebSocket is closed with code 1008 and the message.
 */
export class SessionRefusedError extends Error {
  override readonly name = 'SessionRefusedError';

  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 429 | 503 = 400,
  ) {
    super(message);
  }
}
