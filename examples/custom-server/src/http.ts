#!/usr/bin/env node
import { createHttpServer } from '@infisical/mcp-transport-http';
import { customServerFactory } from './create-custom-server.js';

const { createServer, serverInfo, toolCount, close } = await customServerFactory();
const http = await createHttpServer({
  createMcpServer: createServer,
  describe: () => ({ ...serverInfo, toolCount }),
  port: Number(process.env.PORT ?? 3333),
  websocketPort: null,
});
const { url } = await http.listen();
// stdout is free here (HTTP); print the URL for whoever started us.
process.stdout.write(`${JSON.stringify({ url: `${url}/mcp` })}\n`);
const stop = () =>
  void http
    .close()
    .then(close)
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
