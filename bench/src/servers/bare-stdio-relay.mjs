// A reference for the latency section: the least any stdio server in front of Infisical must
// do per tool call, with no MCP at all. It reads a request line, sends the same REST read the
// floor sends, parses the body, and writes a line of the same size as our server's answer
// (BENCH_RELAY's `results`: tool name -> the result our server returned, serialized anew per
// call).
// The gap from the floor to it is the second process on the way and the answer's size; the gap
// from it to our server is what MCP, our tools and their policies add.
import { createInterface } from 'node:readline';
import { directRestCaller } from '../support/direct-rest-caller.mjs';
import { relaySettings } from './relay-settings.mjs';

const { sandbox, results } = relaySettings();
const rest = await directRestCaller(sandbox);

const INITIALIZE_RESULT = {
  protocolVersion: '2025-06-18',
  capabilities: { tools: {} },
  serverInfo: { name: 'bare-relay', version: '0.0.0' },
};

const answer = (id, payload) =>
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, ...payload })}\n`);

createInterface({ input: process.stdin }).on('line', async (line) => {
  const message = JSON.parse(line);
  if (message.id === undefined) return;
  if (message.method === 'initialize') return answer(message.id, { result: INITIALIZE_RESULT });
  const { name, arguments: args } = message.params ?? {};
  try {
    await rest.callTool(name, args);
    answer(message.id, { result: results[name] });
  } catch (error) {
    answer(message.id, { error: { code: -32603, message: String(error.message ?? error) } });
  }
});
process.stdin.once('end', () => rest.close().then(() => process.exit(0)));
