import { fileURLToPath } from 'node:url';
import { Client, type ClientOptions } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export const CLI_BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/**
 * These tests call tools of every toolset, so their servers serve them all; a test of the
 * default catalogue sets INFISICAL_TOOLSETS to undefined, which leaves the variable unset.
 */
const EVERY_TOOLSET = { INFISICAL_TOOLSETS: 'all' };

export interface SpawnedServer {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Anything on stdout that was not a protocol message ends up here. */
  protocolErrors: Error[];
  /**
   * The `params` of every progress notification the server wrote, in order, as the client
   * transport read them. The SDK client's `onprogress` can miss the last one: it handles a
   * notification a microtask late, and a result read in the same chunk ends the request first.
   */
  progressSent: { progressToken: unknown; progress: number; total?: number }[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/**
 * Spawns the built `infisical-mcp` bin and connects the official SDK client over stdio.
 * `prepare` may declare capabilities and register handlers (elicitation) before connecting.
 */
/** The environment without the variables a test set to undefined. */
function withoutUnset(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export async function spawnStdioServer(
  env: Record<string, string | undefined>,
  args: string[] = [],
  clientOptions?: ClientOptions,
  prepare?: (client: Client) => void,
): Promise<SpawnedServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_BIN, ...args],
    env: withoutUnset({ INFISICAL_MCP_LOG_LEVEL: 'debug', ...EVERY_TOOLSET, ...env }),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const protocolErrors: Error[] = [];
  const client = new Client({ name: 'e2e-test', version: '1.0.0' }, clientOptions);
  client.onerror = (error) => protocolErrors.push(error);
  prepare?.(client);
  await client.connect(transport);
  const progressSent: SpawnedServer['progressSent'] = [];
  const handOn = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && message.method === 'notifications/progress') {
      progressSent.push(message.params as SpawnedServer['progressSent'][number]);
    }
    handOn?.(message);
  };
  return {
    client,
    stderr: () => stderr,
    protocolErrors,
    progressSent,
    call: (name, args = {}) =>
      client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    close: () => client.close(),
  };
}

/** Runs the bin to completion (for start-up failures) and returns its exit code and output. */
export async function runCli(
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: withoutUnset({ PATH: process.env.PATH ?? '', ...EVERY_TOOLSET, ...env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}
