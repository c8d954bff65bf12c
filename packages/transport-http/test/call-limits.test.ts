import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyAuth, bearer } from './support/api-keys.js';
import {
  type InfisicalInProcess,
  startInfisicalInProcess,
} from './support/infisical-in-process.js';
import { parseJson } from './support/injected-mcp-requests.js';
import { openInjectedSocket } from './support/injected-websocket.js';

// The goal the limits serve: a client allowed N requests a window makes the server send
// Infisical at most what its N largest calls need, whatever methods and transports it uses.
const KEYS = { alpha: 'alpha-key-0123456789', beta: 'beta-key-0123456789' };
const CALLS = 10;
const OPTIONS = {
  auth: apiKeyAuth(KEYS),
  limits: {
    rateWindowMs: 60_000,
    requestsPerWindow: 5,
    callsPerWindow: CALLS,
    maxSessionsPerClient: 0,
    maxSessions: 0,
  },
};
/** Each of these needs at most a couple of Infisical requests; a login comes on top. */
const MOST_PER_CALL = 2;

type Answer = { id: unknown; result?: unknown; error?: { code: number } };

describe('every request that can reach Infisical counts against callsPerWindow', () => {
  let running: InfisicalInProcess;
  let projectUri: string;

  beforeAll(async () => {
    running = await startInfisicalInProcess(OPTIONS);
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
      const response = await running.http.app.inject({
        method: 'POST',
        url: '/mcp',
        headers: { 'content-type': 'application/json', ...bearer(KEYS.alpha) },
        payload: JSON.stringify(batch),
      });
      expect(response.statusCode).toBe(200);
      answers.push(...parseJson<Answer[]>(response));
    }
    const stats = await running.admin.stats();
    const allowed = answers.filter((answer) => answer.error?.code !== -32000);
    expect(allowed).toHaveLength(CALLS);
    expect(stats.total).toBeLessThanOrEqual(CALLS * MOST_PER_CALL + 1);
  });

  it('counts each request over one WebSocket', async () => {
    const raw = await openInjectedSocket(running.http.app, '/ws', bearer(KEYS.beta));
    const answers: Answer[] = [];
    const all = 400;
    raw.socket.send(
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
    raw.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    for (let id = 0; id < all; id++) raw.socket.send(JSON.stringify(infisicalReads(id)));
    while (answers.length < all) {
      const message = (await raw.nextMessage()) as Answer;
      if (message.id !== 'init') answers.push(message);
    }
    raw.close();
    const stats = await running.admin.stats();
    expect(answers.filter((answer) => answer.error?.code !== -32000)).toHaveLength(CALLS);
    expect(stats.total).toBeLessThanOrEqual(CALLS * MOST_PER_CALL + 1);
  });
});
