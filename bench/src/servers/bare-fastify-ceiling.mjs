// The throughput ceiling: a bare fastify route that answers every JSON-RPC POST with the result
// our get-secret returns, with no MCP and no Infisical call behind it. Nothing that serves
// that JSON over HTTP on this machine can go much faster. Prints one JSON line with its URL.
import Fastify from 'fastify';

const result = JSON.parse(process.env.BENCH_CEILING_RESULT ?? 'null');
if (result === null) {
  process.stderr.write('BENCH_CEILING_RESULT must hold the JSON-RPC result to answer with\n');
  process.exit(2);
}

const app = Fastify({ logger: false });
app.post('/mcp', async (request) => ({ jsonrpc: '2.0', id: request.body.id, result }));

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
