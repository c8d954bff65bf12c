import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const HANDSHAKE = [
  {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'bench', version: '0' },
    },
  },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 2, method: 'tools/list' },
]
  .map((message) => `${JSON.stringify(message)}\n`)
  .join('');

/**
 * Milliseconds from spawn to the answer to tools/list. The handshake is written at once, as a
 * client does; the server reads it when it is ready. Also resolves with the raw `tools/list`
 * result and the server's `instructions`, which the context-cost section counts.
 */
export function measureColdStart({ command, args, env }) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let instructions;
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not answer tools/list within 20 s`));
    }, 20_000);
    child.on('error', reject);
    // A server that refuses its settings exits at once: say so instead of waiting out the timer.
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before answering tools/list`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return;
      }
      if (message.id === 1) instructions = message.result?.instructions;
      if (message.id !== 2) return;
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      if (!Array.isArray(message.result?.tools)) {
        child.kill('SIGKILL');
        reject(new Error(`tools/list failed: ${line}`));
        return;
      }
      child.kill('SIGKILL');
      resolve({ ms: elapsed, tools: message.result.tools.length, listing: line, instructions });
    });
    child.stdin.write(HANDSHAKE);
  });
}
