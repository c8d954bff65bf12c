export type { SerializeMessage } from './serializing-stdio-transport.js';
export { type ServeStdioOptions, type StdioConnection, serveStdio } from './serve-stdio.js';
