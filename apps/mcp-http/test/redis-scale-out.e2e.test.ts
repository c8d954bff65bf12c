import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  answerOf,
  openSessionByHand,
  parseJson,
  postInitialize,
  postToSession,
  rawRequest,
  readSseEvents,
  STREAMABLE_ACCEPT,
} from './support/raw-http.js';
import {
  deleteKeys,
  keysUnder,
  PrivateRedis,
  SHARED_REDIS_URL,
  uniqueKeyPrefix,
} from './support/redis-for-tests.js';
import { type RunningSandbox, sandboxEnvironment } from './support/server-against-sandbox.js';
import { HTTP_BIN, type SpawnedHttpServer, spawnHttpServer } from './support/spawn-http-server.js';

const PROTOCOL = '2025-11-25';

let sandbox: RunningSandbox;
let admin: SandboxAdminClient;
const openClients: Client[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
});

afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.close().catch(() => {})));
  await admin.clearFaults();
});

afterAll(async () => {
  await sandbox?.close();
});

const LOGIN = 'POST /api/v1/auth/universal-auth/login';
/** Encrypts the token the replicas share, and their events; a test value, 32 bytes in hex. */
const TOKEN_KEY = 'ab'.repeat(32);
/** Encrypts the events of replicas that share no token; a test value, 32 bytes in hex. */
const EVENTS_KEY = 'cd'.repeat(32);

function startReplica(
  redisUrl: string,
  keyPrefix: string,
  env: Record<string, string> = {},
): Promise<SpawnedHttpServer> {
  return spawnHttpServer({ ...sandboxEnvironment(sandbox), REDIS_URL: redisUrl, ...env }, [
    '--ws-port',
    'off',
    '--redis-key-prefix',
    keyPrefix,
  ]);
}

/** An SDK client on `baseUrl`; with a session id it joins that session without initialize. */
async function connect(baseUrl: string, sessionId?: string) {
  const client = new Client({ name: 'scale-out-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { sessionId });
  await client.connect(transport);
  openClients.push(client);
  return { client, transport };
}

async function sandboxSecret(key: string) {
  const secrets = await admin.secrets(sandbox.demo.projectId, 'dev');
  return secrets.find((secret) => secret.key === key && secret.path === '/');
}

/** What a spec-following client sends on every POST of a session. */
function sessionHeaders(sessionId: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: STREAMABLE_ACCEPT,
    'mcp-session-id': sessionId,
    'mcp-protocol-version': PROTOCOL,
  };
}

function listSecretsCall(id: number) {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: {
      name: 'list-secrets',
      // With values: what a client resumes may be a revealed secret.
      arguments: { projectId: sandbox.demo.projectId, environmentSlug: 'dev', includeValues: true },
      // Asking for progress asks for a stream: its events are kept for resumption.
      _meta: { progressToken: id },
    },
  };
}

describe('three replicas sharing one Redis', () => {
  const keyPrefix = uniqueKeyPrefix();
  let redis: Redis;
  let replicas: SpawnedHttpServer[] = [];

  beforeAll(async () => {
    redis = new Redis(SHARED_REDIS_URL);
    await admin.resetStats();
    replicas = await Promise.all(
      [0, 1, 2].map(() =>
        startReplica(SHARED_REDIS_URL, keyPrefix, { INFISICAL_MCP_REDIS_TOKEN_KEY: TOKEN_KEY }),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await deleteKeys(redis, keyPrefix);
    redis.disconnect();
  });

  /** Every value under the prefix as text, streams included: what anyone with Redis access reads. */
  async function redisDump(prefix: string): Promise<string> {
    const values: string[] = [];
    for (const key of await keysUnder(redis, prefix)) {
      values.push(
        (await redis.type(key)) === 'stream'
          ? JSON.stringify(await redis.xrange(key, '-', '+'))
          : ((await redis.get(key)) ?? ''),
      );
    }
    return values.join('\n');
  }

  it('logs the three replicas in to Infisical once, through the encrypted shared token', async () => {
    await Promise.all(
      replicas.map(async (replica) => {
        const { client } = await connect(replica.baseUrl);
        const listed = await client.callTool({
          name: 'list-projects',
          arguments: {},
        });
        expect(listed.isError).toBeFalsy();
      }),
    );
    expect((await admin.stats()).requests[LOGIN]).toBe(1);
    const [tokenKey] = (await keysUnder(redis, keyPrefix)).filter((key) =>
      key.startsWith(`${keyPrefix}token:`),
    );
    const stored = (await redis.get(tokenKey as string)) ?? '';
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain('accessToken');
  });

  it('initializes on one replica and calls tools on another; Redis holds no credential', async () => {
    const [a, b] = replicas as [SpawnedHttpServer, SpawnedHttpServer];
    const { transport } = await connect(a.baseUrl);
    const sessionId = transport.sessionId as string;
    const where = { projectId: sandbox.demo.projectId, environmentSlug: 'dev' };

    const { client: onB } = await connect(b.baseUrl, sessionId);
    const created = await onB.callTool({
      name: 'create-secret',
      arguments: { ...where, secretName: 'SCALE_OUT', secretValue: 'made-on-b' },
    });
    expect(created.isError).toBeFalsy();
    expect(await sandboxSecret('SCALE_OUT')).toMatchObject({ value: 'made-on-b', version: 1 });

    const record = JSON.parse((await redis.get(`${keyPrefix}session:{${sessionId}}`)) ?? '{}');
    expect(record).toMatchObject({
      id: sessionId,
      protocolVersion: PROTOCOL,
      clientInfo: { name: 'scale-out-e2e', version: '1.0.0' },
      principal: { id: 'anonymous', kind: 'anonymous' },
    });
    expect(await redis.pttl(`${keyPrefix}session:{${sessionId}}`)).toBeGreaterThan(1_700_000);
    // Nothing under the prefix carries the server's credentials or the secret value written.
    expect(await redisDump(keyPrefix)).not.toContain(sandbox.demo.clientSecret);
    // B did the work: it served the session from its record instead of refusing it as unknown.
    expect(b.output()).toContain('built a server for the session from its record');
  });

  it('serves a session that brought its own Infisical identity only to requests bringing it again', async () => {
    const [a, b] = replicas as [SpawnedHttpServer, SpawnedHttpServer];
    const own = { 'x-infisical-token': 'client-token-of-tenant-one' };
    const opened = await postInitialize(a.baseUrl, PROTOCOL, 'tenant', own);
    await opened.text();
    const sessionId = opened.headers.get('mcp-session-id') as string;
    const listTools = (headers: Record<string, string>, on = b) =>
      rawRequest(`${on.baseUrl}/mcp`, {
        method: 'POST',
        headers: { ...sessionHeaders(sessionId), ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });

    const other = await listTools({ 'x-infisical-token': 'client-token-of-tenant-two' });
    expect(other.status).toBe(403);
    expect(other.body).toContain('acts as another Infisical identity');
    expect((await listTools({})).status).toBe(403);
    const same = await listTools(own);
    expect(same.status).toBe(200);
    expect(same.body).toContain('list-secrets');
    // The replica that holds the session since initialize answers the same.
    const held = await listTools({}, a);
    expect(held.status).toBe(403);
    expect(held.body).toBe(other.body);
    expect((await listTools(own, a)).status).toBe(200);

    const stored = (await redis.get(`${keyPrefix}session:{${sessionId}}`)) ?? '';
    expect(JSON.parse(stored).identityReference).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain('client-token-of-tenant-one');
  });

  it('resumes a cut stream on another replica with Last-Event-ID and receives what it missed', async () => {
    const [a, b] = replicas as [SpawnedHttpServer, SpawnedHttpServer];
    const sessionId = await openSessionByHand(a.baseUrl, PROTOCOL);
    await admin.setFaults({ latencyMs: 700 });

    const cut = new AbortController();
    const response = await fetch(`${a.baseUrl}/mcp`, {
      method: 'POST',
      headers: sessionHeaders(sessionId),
      body: JSON.stringify(listSecretsCall(7)),
      signal: cut.signal,
    });
    const events = readSseEvents(response.body as ReadableStream<Uint8Array>);
    const priming = (await events.next()).value;

    expect(priming?.id).toBeTruthy();
    expect(priming?.data).toBe('');
    cut.abort();
    await events.return(undefined).catch(() => {});

    const streamId = priming?.id?.split('_')[0];
    // Resumed on B while A is still calling Infisical: A stores the answer in Redis and B,
    // which holds the client's stream now, hears of it on the session's channel.
    const resumed = await fetch(`${b.baseUrl}/mcp`, {
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': PROTOCOL,
        'last-event-id': priming?.id as string,
      },
    });
    expect(resumed.status).toBe(200);
    const { event, message } = await answerOf(resumed, 7);
    expect(event?.id?.startsWith(`${streamId}_`)).toBe(true);
    const text = JSON.stringify(message.result);
    expect(text).toContain('DATABASE_URL');

    // Cut again and resume on C after the fact: the answer is replayed from Redis.
    const replayed = await fetch(`${replicas[2]?.baseUrl}/mcp`, {
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': PROTOCOL,
        'last-event-id': priming?.id as string,
      },
    });
    const again = await answerOf(replayed, 7);
    expect(again.event?.id).toBe(event?.id);
    expect(again.message).toEqual(message);
    // The answer revealed a value: replayed opened above, it sits in Redis only encrypted.
    const revealed = (await sandboxSecret('DATABASE_URL'))?.value as string;
    expect(text).toContain(revealed);
    const dump = await redisDump(keyPrefix);
    expect(dump).toContain(priming?.id as string);
    expect(dump).not.toContain(revealed);
    expect(dump).not.toContain('DATABASE_URL');
  });

  it('keeps a session going when the replica that opened it is killed', async () => {
    const [a, , c] = replicas as [SpawnedHttpServer, SpawnedHttpServer, SpawnedHttpServer];
    const sessionId = await openSessionByHand(a.baseUrl, PROTOCOL);
    const first = await postToSession(a.baseUrl, sessionId, PROTOCOL, listSecretsCall(1));
    expect(first.status).toBe(200);

    expect(await a.stop('SIGKILL')).toBe(null);
    const after = await postToSession(c.baseUrl, sessionId, PROTOCOL, listSecretsCall(2));
    expect(after.status).toBe(200);
    expect(after.body).toContain('DATABASE_URL');

    // DELETE on one replica ends the session for all: Redis forgets it.
    const deleted = await rawRequest(`${c.baseUrl}/mcp`, {
      method: 'DELETE',
      headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': PROTOCOL },
    });
    expect(deleted.status).toBe(200);
    expect(await redis.exists(`${keyPrefix}session:{${sessionId}}`)).toBe(0);
    const [, b] = replicas as [SpawnedHttpServer, SpawnedHttpServer];
    const gone = await postToSession(b.baseUrl, sessionId, PROTOCOL, listSecretsCall(3));
    expect(gone.status).toBe(404);
  });
});

describe('when Redis goes away and comes back', () => {
  let privateRedis: PrivateRedis;
  let replica: SpawnedHttpServer;

  beforeAll(async () => {
    privateRedis = await PrivateRedis.start();
    replica = await startReplica(privateRedis.url, uniqueKeyPrefix(), {
      INFISICAL_MCP_REDIS_EVENTS_KEY: EVENTS_KEY,
    });
  });

  afterAll(async () => {
    await replica?.stop();
    await privateRedis?.stop();
  });

  it('refuses new sessions with 503, finishes calls in flight, reports it on /ready, and recovers', async () => {
    const sessionId = await openSessionByHand(replica.baseUrl, PROTOCOL);
    expect((await rawRequest(`${replica.baseUrl}/ready`)).status).toBe(200);

    await admin.setFaults({ latencyMs: 600 });
    const inFlight = postToSession(replica.baseUrl, sessionId, PROTOCOL, listSecretsCall(1));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await privateRedis.stop();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.body).toContain('DATABASE_URL');
    await admin.clearFaults();

    await waitFor(async () => (await rawRequest(`${replica.baseUrl}/ready`)).status === 503);
    const ready = parseJson(await rawRequest(`${replica.baseUrl}/ready`));
    expect(ready).toMatchObject({ ready: false });
    expect(String(ready.detail)).toContain('Redis at redis://127.0.0.1');

    const refused = await postInitialize(replica.baseUrl, PROTOCOL, 'while-down');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^Session store unavailable: Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable/,
    );

    // The session this replica holds keeps working without Redis.
    const meanwhile = await postToSession(replica.baseUrl, sessionId, PROTOCOL, listSecretsCall(2));
    expect(meanwhile.status).toBe(200);

    await privateRedis.start();
    await waitFor(async () => (await rawRequest(`${replica.baseUrl}/ready`)).status === 200);
    const { client } = await connect(replica.baseUrl);
    const listed = await client.callTool({
      name: 'list-secrets',
      arguments: { projectId: sandbox.demo.projectId, environmentSlug: 'dev' },
    });
    expect(listed.isError).toBeFalsy();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in time');
}

describe('the bundle', () => {
  it('loads the Redis client only when Redis is configured (a dynamic import)', () => {
    const dist = dirname(HTTP_BIN);
    const staticallyLoaded = new Set<string>();
    const visit = (file: string) => {
      if (staticallyLoaded.has(file)) return;
      staticallyLoaded.add(file);
      const code = readFileSync(join(dist, file), 'utf8');
      for (const match of code.matchAll(
        /^(?:import|\} from|export .* from) ?[^\n]*"\.\/([^"]+)"/gm,
      )) {
        visit(match[1] as string);
      }
    };
    visit('main.js');
    // ioredis's own option, as it stands in its source.
    const withRedis = readdirSync(dist).filter((file) =>
      readFileSync(join(dist, file), 'utf8').includes('enableOfflineQueue'),
    );
    expect(withRedis.length).toBeGreaterThan(0);
    for (const file of withRedis) expect(staticallyLoaded.has(file), file).toBe(false);
  });
});
