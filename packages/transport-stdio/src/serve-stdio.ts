import type { Readable, Writable } from 'node:stream';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { type SerializeMessage, SerializingStdioTransport } from './serializing-stdio-transport.js';

export interface ServeStdioOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Largest single message accepted, in bytes. Default 10 MiB (the SDK's). */
  maxMessageBytes?: number;
  /** Told about transport problems (unparseable lines, stream errors). Never writes to stdout. */
  onError?: (error: Error) => void;
  /**
   * How a message becomes its line. Default `JSON.stringify`; `serializeJsonRpcMessage` from
   * `@infisical/mcp-core` writes a tool's structured output once instead of twice.
   */
  serializeMessage?: SerializeMessage;
}

export interface StdioConnection {
  /** Settles when the client closes stdin or {@link StdioConnection.close} is called. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves an MCP server over stdin/stdout. Unlike the bare SDK transport it answers unparseable
 * lines with JSON-RPC errors instead of dropping them, and it ends the session when the
 * client closes stdin, so the process can exit.
 */
export async function serveStdio(
  server: Server,
  options: ServeStdioOptions = {},
): Promise<StdioConnection> {
  const stdin = options.stdin ?? process.stdin;
  const transport = new SerializingStdioTransport(
    stdin,
    options.stdout ?? process.stdout,
    options.serializeMessage ?? JSON.stringify,
    { maxBufferSize: options.maxMessageBytes },
  );

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  transport.onerror = (error) => {
    options.onError?.(error);
    const reply = replyForUnreadableMessage(error);
    if (reply) transport.send(reply).catch(() => {});
  };

  const previousOnClose = server.onclose;
  server.onclose = () => {
    previousOnClose?.();
    resolveClosed();
  };

  const onEnd = () => {
    server.close().catch((error: unknown) => options.onError?.(toError(error)));
  };
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);

  await server.connect(transport);

  return {
    closed,
    async close() {
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      await server.close();
      await closed;
    },
  };
}

/** A line that is not JSON gets a parse error; JSON that is not JSON-RPC, an invalid request. */
function replyForUnreadableMessage(error: Error): JSONRPCMessage | undefined {
  if (error instanceof SyntaxError) {
    return jsonRpcError(ErrorCode.ParseError, 'Parse error: the message is not valid JSON');
  }
  if (error.name === 'ZodError') {
    return jsonRpcError(ErrorCode.InvalidRequest, 'Invalid request: not a JSON-RPC 2.0 message');
  }
  return undefined;
}

function jsonRpcError(code: number, message: string): JSONRPCMessage {
  // JSON-RPC requires id null when the request's id could not be read.
  return { jsonrpc: '2.0', id: null, error: { code, message } } as unknown as JSONRPCMessage;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
