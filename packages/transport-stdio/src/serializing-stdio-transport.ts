import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export type SerializeMessage = (message: JSONRPCMessage) => string;

/** The SDK's stdio transport, writing each message as `serialize` renders it. */
export class SerializingStdioTransport extends StdioServerTransport {
  constructor(
    stdin: Readable,
    private readonly stdout: Writable,
    private readonly serialize: SerializeMessage,
    options?: ConstructorParameters<typeof StdioServerTransport>[2],
  ) {
    super(stdin, stdout, options);
  }

  // As the SDK's send: one line per message, settled once stdout takes it.
  override send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${this.serialize(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }
}
