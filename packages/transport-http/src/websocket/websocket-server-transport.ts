import { randomUUID } from 'node:crypto';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { WebSocket } from 'ws';
import { JsonRpcCode, jsonRpcError } from '../json-rpc-errors.js';
import { parseJsonRpcMessage } from '../json-rpc-message.js';

/**
 * The server side of MCP over WebSocket. The MCP spec defines no WebSocket transport; this one
 * matches the SDK's `WebSocketClientTransport`: subprotocol `mcp`, one JSON-RPC message per
 * text frame. A frame that is not a JSON-RPC message is answered with a JSON-RPC error and the
 * connection stays open; a peer that stops answering pings is dropped.
 */
export class WebSocketServerTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private pinger?: NodeJS.Timeout;
  private awaitingPong = false;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly pingIntervalMs: number,
    private readonly serialize: (message: JSONRPCMessage) => string = JSON.stringify,
  ) {}

  async start(): Promise<void> {
    this.socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    this.socket.on('pong', () => {
      this.awaitingPong = false;
    });
    this.socket.on('error', (error) => this.onerror?.(error));
    this.socket.on('close', () => this.finish());
    this.pinger = setInterval(() => this.ping(), this.pingIntervalMs);
    this.pinger.unref();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) {
      throw new Error('WebSocket is not open');
    }
    await new Promise<void>((resolve, reject) => {
      this.socket.send(this.serialize(message), (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1001, 'server closing');
    this.finish();
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (isBinary) {
      this.reject(JsonRpcCode.InvalidRequest, 'Invalid request: send JSON-RPC as text frames');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      this.reject(JsonRpcCode.ParseError, 'Parse error: the frame is not valid JSON');
      return;
    }
    const message = parseJsonRpcMessage(parsed);
    if (!message) {
      this.reject(JsonRpcCode.InvalidRequest, 'Invalid request: not a JSON-RPC 2.0 message');
      return;
    }
    this.onmessage?.(message);
  }

  private reject(code: number, text: string): void {
    if (this.socket.readyState === WebSocket.OPEN)
      this.socket.send(JSON.stringify(jsonRpcError(code, text)));
  }

  private ping(): void {
    if (this.awaitingPong) {
      this.socket.terminate();
      return;
    }
    this.awaitingPong = true;
    this.socket.ping();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pinger) clearInterval(this.pinger);
    this.onclose?.();
  }
}
