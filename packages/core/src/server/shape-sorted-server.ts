import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCNotification,
  isJSONRPCRequest,
  type JSONRPCMessage,
  type JSONRPCNotification,
  type JSONRPCRequest,
  type MessageExtraInfo,
} from '@modelcontextprotocol/sdk/types.js';

/** The SDK's own per-kind entry points, which its message sorter calls. */
interface SdkMessageEntries {
  _onrequest?: (request: JSONRPCRequest, extra?: MessageExtraInfo) => void;
  _onnotification?: (notification: JSONRPCNotification) => void;
  _onerror?: (error: Error) => void;
}

/**
 * The SDK's server sorts each incoming message by trying its zod guards in turn: result
 * response, error response, request, notification. Every request therefore fails the two
 * response guards first, and a failed guard builds a whole ZodError, about 50 µs each (measured),
 * a fifth of the CPU this server spends on a tool call.
 *
 * Both response schemas are strict and have no `method`, so a message with a `method` can only
 * be a request (it has an `id`) or a notification (it has none). This server goes straight to
 * the one guard that can pass, then to the same SDK entry point; answers and anything else still
 * go through the SDK's sorter. Should another SDK version lack those entry points, the SDK's
 * sorter is left as it is.
 */
export class ShapeSortedServer extends Server {
  override async connect(transport: Transport): Promise<void> {
    // The SDK's sorter calls the transport's earlier handler first; so does this one.
    const earlier = transport.onmessage;
    await super.connect(transport);
    const sdkSorter = transport.onmessage;
    const { _onrequest, _onnotification, _onerror } = this as unknown as SdkMessageEntries;
    if (!sdkSorter || !_onrequest || !_onnotification || !_onerror) return;

    transport.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
      if (typeof message !== 'object' || message === null || !('method' in message)) {
        sdkSorter(message, extra);
        return;
      }
      earlier?.(message, extra);
      if ('id' in message) {
        if (isJSONRPCRequest(message)) _onrequest.call(this, message, extra);
        else _onerror.call(this, unknownMessage(message));
      } else if (isJSONRPCNotification(message)) {
        _onnotification.call(this, message);
      } else {
        _onerror.call(this, unknownMessage(message));
      }
    };
  }
}

/** The SDK's own words for a message that is none of the four kinds. */
function unknownMessage(message: unknown): Error {
  return new Error(`Unknown message type: ${JSON.stringify(message)}`);
}
