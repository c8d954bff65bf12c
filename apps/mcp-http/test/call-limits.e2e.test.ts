import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeyArgs } from './support/api-key-args.js';
import { parseJson, rawRequest } from './support/raw-http.js';
import {
  type ServerAgainstSandbox,
  startServerAgainstSandbox,
} from './support/server-against-sandbox.js';

// The goal the limits serve: a client allowed N requests a window makes the server send
// Infisical at most what its N largest calls need, whatever methods and transports it uses.
const KEYS = { alpha: 'alpha-key-0123456789', beta: 'beta-key-0123456789' };
const CALLS = 10;
const ARGS = [
  ...apiKeyArgs(KEYS),
  '--rate-limit-window',
  '60',
  '--rate-limit-requests',
  '5',
  '--rate-limit-calls',
  String(CALLS),
  '--max-sessions-per-client',
  '0',
  '--max-sessions',
  '0',
];
/** Each of these needs at most a couple of Infisical requests; a login comes on top. */
const MOST_PER_CALL = 2;

type Answer = { id: unknown; result?: unknown; error?: { code: number } };

describe('every request that can reach Infisical counts against --rate-limit-calls', () => {
  let running: ServerAgainstSandbox;
  let projectUri: string;

  beforeAll(async () => {
    running = await startServerAgainstSandbox(ARGS);
    projectUri = `infisical://projects/${running.projectId}`;
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(async () => {
    await running.admin.resetStats();
  });

  /** Requests of every kind that reads from Infisical, in turn. */
  const infisicalReads = (id: number) => {
    const calls = [
      { method: 'resources/read', params: { uri: projectUri } },
      { method: 'resources/list', params: {} },
      {
        method: 'completion/complete',
        params: {
          ref: { type: 'ref/resource', uri: 'infisical://projects/{projectId}' },
          argument: { name: 'projectId', value: '' },
        },
      },
      { method: 'tools/call', params: { name: 'list-projects', arguments: {} } },
    ];
    return { jsonrpc: '2.0', id, ...calls[id % calls.length] };
  };

  it('counts each message of a plain JSON-RPC batch', async () => {
    const answers: Answer[] = [];
    for (let request = 0; request < 5; request++) {
      const batch = Array.from({ length: 100 }, (_, index) =>
        infisicalReads(request * 100 + index),
      );
      const response = await rawRequest(`${running.server.baseUrl}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.alpha}` },
        body: JSON.stringify(batch),
      });
      expect(response.status).toBe(200);
      answers.push(...parseJson<Answer[]>(response));
    }
    const stats = await running.admin.stats();
    const allowed = answers.filter((answer) => answer.error?.code !== -32000);
    expect(allowed).toHaveLength(CALLS);
    expect(stats.total).toBeLessThanOrEqual(CALLS * MOST_PER_CALL + 1);
  });

  it('counts each request over one WebSocket', async () => {
    const socket = new WebSocket(`${running.server.baseUrl.replace(/^http/, 'ws')}/ws`, 'mcp', {
      headers: { authorization: `Bearer ${KEYS.beta}` },
    });
    const answers: Answer[] = [];
    const all = 400;
    const done = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as Answer;
        if (message.id === 'init') return;
        answers.push(message);
        if (answers.length === all) resolve();
      }),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 'init',
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'call-limits', version: '1.0.0' },
        },
      }),
    );
    socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    for (let id = 0; id < all; id++) socket.send(JSON.stringify(infisicalReads(id)));
    await done;
    socket.close();
    const stats = await running.admin.stats();
    expect(answers.filter((answer) => answer.error?.code !== -32000)).toHaveLength(CALLS);
    expect(stats.total).toBeLessThanOrEqual(CALLS * MOST_PER_CALL + 1);
  });
});
