// A reference for the throughput section: a bare fastify route that, like our server, makes
// one REST read from the sandbox per JSON-RPC POST and parses it, then answers with the result
// our get-secret returns. No MCP, no checks, no logs: the most a server in front of Infisical
// could reach on these cores, where the ceiling sends a constant body and reads nothing.
import Fastify from 'fastify';
import { directRestCaller } from '../support/direct-rest-caller.mjs';
import { relaySettings } from './relay-settings.mjs';

const { sandbox, results } = relaySettings();
const rest = await directRestCaller(sandbox);

const app = Fastify({ logger: false });
app.post('/mcp', async (request) => {
  const { id, params } = request.body;
  await rest.callTool(params.name, params.arguments);
  return { jsonrpc: '2.0', id, result: results[params.name] };
});

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = () =>
  app
    .close()
    .then(() => rest.close())
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
