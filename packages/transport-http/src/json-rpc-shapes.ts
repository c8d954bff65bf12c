import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '@modelcontextprotocol/sdk/types.js';

// Shape checks, not the SDK's schema guards: the messages they see were validated on the way in
// or come from the SDK's own server, and a schema guard that fails (every notification against
// the response schema) builds a whole ZodError, on every message.

/** A request: it has a method and an id, and expects an answer. */
export function isRequest(message: JSONRPCMessage): message is JSONRPCRequest {
  return 'method' in message && 'id' in message && message.id !== undefined;
}

/** An answer (result or error) to a request with a usable id. */
export function isResponse(
  message: JSONRPCMessage,
): message is Exclude<JSONRPCMessage, { method: string }> & { id: RequestId } {
  return (
    !('method' in message) && 'id' in message && message.id !== undefined && message.id !== null
  );
}

/** The request a `notifications/cancelled` names; undefined for any other message. */
export function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  const { method, params } = message as { method?: string; params?: { requestId?: RequestId } };
  return method === 'notifications/cancelled' ? params?.requestId : undefined;
}
