import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startSandbox } from '@infisical/mcp-sandbox';
import {
  exerciseEveryTool,
  findLeaks,
  Needles,
  recordIssuedTokens,
  SandboxAdminClient,
  sdkCaller,
  seedUniqueSecrets,
  type ToolOutcome,
  toolsNotExercised,
  unexpectedOutcomes,
} from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from './support/spawn-stdio-server.js';

/**
 * The redaction scan of issue 5 over stdio: unique secret values seeded in the sandbox and
 * sent by the client, every tool called (succeeding and failing) with trace logging, for each
 * way the server authenticates to Infisical; then no value, client secret or access token may
 * appear on stderr, and stdout may carry nothing but protocol messages, with values only in
 * the successful tool results that exist to return them.
 */

/** The SDK's stdio client transport, keeping a copy of every byte the server writes. */
class RecordingStdioTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  stdout = '';
  stderr = '';
  exited?: Promise<number | null>;
  private child?: ChildProcessWithoutNullStreams;
  private readonly buffer = new ReadBuffer();

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, [CLI_BIN], {
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString('utf8');
      this.buffer.append(chunk);
      try {
        for (
          let message = this.buffer.readMessage();
          message;
          message = this.buffer.readMessage()
        ) {
          this.onmessage?.(message);
        }
      } catch (error) {
        this.onerror?.(error as Error);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.on('exit', () => this.onclose?.());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child?.stdin.write(serializeMessage(message));
  }

  /** Writes a line as is, for input the SDK client would never send. */
  sendRaw(line: string): void {
    this.child?.stdin.write(`${line}\n`);
  }

  /** Closes stdin, which ends the server, and waits for it to exit so its last logs are in. */
  async close(): Promise<void> {
    this.child?.stdin.end();
    await this.exited;
  }
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox;
let admin: SandboxAdminClient;
let projectId: string;
let seeded: { top: string; deep: string };
const needles = new Needles();
/** Starts of values that a parse error could quote in part. */
const fragments: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  recordIssuedTokens(sandbox, needles);
  admin = new SandboxAdminClient(sandbox.url);
  projectId = sandbox.demo.projectId;
  needles.add('client secret', sandbox.demo.clientSecret);
  seeded = seedUniqueSecrets(sandbox, projectId, needles);
});

afterAll(async () => {
  await sandbox?.close();
});

interface Run {
  transport: RecordingStdioTransport;
  outcomes: Map<string, ToolOutcome>;
}

async function runEveryTool(label: string, env: Record<string, string>): Promise<Run> {
  const transport = new RecordingStdioTransport({
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_MCP_LOG_LEVEL: 'trace',
    // Every tool is called, so every toolset is served.
    INFISICAL_TOOLSETS: 'all',
    ...env,
  });
  const client = new Client({ name: 'leak-scan', version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
  const outcomes = await exerciseEveryTool(sdkCaller(client), {
    admin,
    projectId,
    label,
    needles,
  });
  expect(protocolErrors).toEqual([]);
  // Lines that are not JSON, or not JSON-RPC, around a value: parse errors quote their input.
  // (Their replies have id null, which the client reports as errors of its own.)
  const unquoted = needles.value();
  const wrongVersion = needles.value();
  const before = transport.stdout.length;
  transport.sendRaw(
    `{"jsonrpc":"2.0","id":901,"method":"tools/call","params":{"name":"create-secret","arguments":{"secretValue": ${unquoted}}}}`,
  );
  transport.sendRaw(`{"jsonrpc":"${wrongVersion}","id":902,"method":"tools/list"}`);
  await expect.poll(() => transport.stdout.slice(before).split('\n').length).toBeGreaterThan(2);
  fragments.push(unquoted.slice(0, 10), wrongVersion.slice(0, 10));
  await client.close();
  return { transport, outcomes };
}

/**
 * stdout is the protocol channel: every line must be a JSON-RPC message, credentials may never
 * be in it, and secret values only in successful tool results (which exist to return them).
 */
function scanStdio(run: Run, where: string) {
  const notResults: string[] = [];
  for (const line of run.transport.stdout.split('\n').filter(Boolean)) {
    const message = JSON.parse(line) as { jsonrpc?: string; result?: { isError?: boolean } };
    expect(message.jsonrpc, `a line on stdout that is not JSON-RPC: ${line}`).toBe('2.0');
    if (!message.result || message.result.isError === true) notResults.push(line);
  }
  return [
    ...findLeaks(run.transport.stderr, needles, `${where} stderr`),
    ...findLeaks(run.transport.stdout, needles, `${where} stdout`, [
      'client secret',
      'access token',
      'api key',
      'oauth token',
    ]),
    ...findLeaks(notResults.join('\n'), needles, `${where} stdout, errors and notifications`, [
      'secret value',
    ]),
    ...fragments
      .filter((fragment) => run.transport.stderr.includes(fragment))
      .map((fragment) => ({ kind: 'secret value', where: `${where} stderr`, context: fragment })),
  ];
}

describe('redaction scan over stdio', () => {
  it('universal auth (cached token): no value, client secret or token in the output', async () => {
    const run = await runEveryTool('ua', {
      INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
      INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
    });
    expect(unexpectedOutcomes(run.outcomes, { renewableToken: true })).toEqual([]);
    // Every tool of core's catalogue was called, so the scan covers whatever each one logs.
    expect(toolsNotExercised(run.outcomes)).toEqual([]);
    // The values did flow through the server, and trace logging was on and saw the failures.
    expect(run.outcomes.get('get-deep')?.text).toContain(seeded.deep);
    expect(run.outcomes.get('list-seeded')?.text).toContain(seeded.top);
    expect(run.transport.stdout).toContain(seeded.deep);
    expect(run.transport.stderr).toContain('"level":20');
    expect(run.transport.stderr).toContain('Infisical request failed');
    expect(run.transport.stderr).toContain('LEAK_UA');
    expect(scanStdio(run, 'universal auth')).toEqual([]);
  }, 60_000);

  it('universal auth with a login per call', async () => {
    const run = await runEveryTool('per-call', {
      INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
      INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
      INFISICAL_TOKEN_STRATEGY: 'per-call',
    });
    expect(unexpectedOutcomes(run.outcomes, { renewableToken: true })).toEqual([]);
    expect(scanStdio(run, 'per-call')).toEqual([]);
  }, 60_000);

  it('an access token (INFISICAL_TOKEN)', async () => {
    const identity = sandbox.state.createIdentity({ name: 'by-token', projectIds: [projectId] });
    needles.add('client secret', identity.clientSecret);
    const run = await runEveryTool('token', {
      INFISICAL_AUTH_METHOD: 'access-token',
      INFISICAL_TOKEN: sandbox.state.issueAccessToken(identity.id).token,
    });
    expect(unexpectedOutcomes(run.outcomes, { renewableToken: false })).toEqual([]);
    expect(scanStdio(run, 'access token')).toEqual([]);
  }, 60_000);

  it('a wrong client secret: every Infisical call fails, and the secret is never echoed', async () => {
    const wrong = needles.add('client secret', `wrong-${randomBytes(16).toString('hex')}`);
    const run = await runEveryTool('wrong', {
      INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
      INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: wrong,
    });
    expect(run.outcomes.get('get-secret')?.text).toMatch(/401|credentials/i);
    expect([...run.outcomes.values()].every((outcome) => outcome.failed)).toBe(true);
    expect(scanStdio(run, 'wrong client secret')).toEqual([]);
  }, 60_000);
});
