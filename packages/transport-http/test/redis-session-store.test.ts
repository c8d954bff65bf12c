import { randomUUID } from 'node:crypto';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from '../src/redis/redis-connection.js';
import { RedisSessionStore } from '../src/redis/redis-session-store.js';
import { parseRedisUrl, redact, redisUrlProblem } from '../src/redis/redis-url.js';
import type { RelayedMessage, SessionRecord } from '../src/sessions/session-store.js';
import { SessionStoreUnavailableError } from '../src/sessions/session-store.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `test-${randomUUID().slice(0, 8)}:`;
const TTL_MS = 60_000;
/** Seals events; a test value, 32 bytes. */
const EVENTS_KEY = Buffer.alloc(32, 7);

let admin: Redis;
const stores: RedisSessionStore[] = [];

function openStore(options: Partial<ConstructorParameters<typeof RedisSessionStore>[0]> = {}) {
  const store = new RedisSessionStore({
    url: REDIS_URL,
    keyPrefix,
    ttlMs: TTL_MS,
    eventsPerSession: 100,
    eventsKey: EVENTS_KEY,
    ...options,
  });
  stores.push(store);
  return store;
}

function record(id = randomUUID()): SessionRecord {
  return {
    id,
    protocolVersion: '2025-11-25',
    clientInfo: { name: 'unit', version: '1.0.0' },
    capabilities: { elicitation: {} },
    principal: { kind: 'api-key', id: 'ci', readOnly: false, scopes: [] },
  };
}

function notification(n: number): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    method: 'notifications/progress',
    params: { progressToken: 1, progress: n },
  };
}

beforeAll(async () => {
  admin = new Redis(REDIS_URL);
  await Promise.all([openStore().waitUntilReady(5_000)]);
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  const keys = await admin.keys(`${keyPrefix}*`);
  if (keys.length) await admin.del(...keys);
  admin.disconnect();
});

describe('RedisSessionStore', () => {
  it('saves, loads, refreshes and deletes a session with its TTL', async () => {
    const store = stores[0] as RedisSessionStore;
    const saved = record();
    await store.save(saved);
    expect(await store.load(saved.id)).toEqual(saved);
    const key = `${keyPrefix}session:{${saved.id}}`;
    expect(await admin.pttl(key)).toBeGreaterThan(TTL_MS - 5_000);

    await admin.pexpire(key, 1_000);
    // Another replica reading it (its own throttle starts empty) restores the full TTL.
    const other = openStore();
    await other.waitUntilReady(5_000);
    expect(await other.load(saved.id)).toEqual(saved);
    await expect.poll(() => admin.pttl(key)).toBeGreaterThan(TTL_MS - 5_000);

    await store.delete(saved.id);
    expect(await store.load(saved.id)).toBeUndefined();
    expect(await admin.exists(key)).toBe(0);
  });

  it('keeps events per session in one bounded stream and replays one SSE stream after an id', async () => {
    const store = stores[0] as RedisSessionStore;
    const sessionId = randomUUID();
    const events = store.eventStore(sessionId);
    const first = await events.storeEvent('stream-a', notification(1));
    await events.storeEvent('stream-b', notification(99));
    const second = await events.storeEvent('stream-a', notification(2));
    const third = await events.storeEvent('stream-a', notification(3));
    expect(first).toMatch(/^stream-a_[0-9a-f]{8}-1$/);
    await expect.poll(() => admin.xlen(`${keyPrefix}events:{${sessionId}}`)).toBe(4);
    // A stream the session never had is unknown, not empty: a Last-Event-ID of it is refused.
    expect(await events.eventsAfter('nonsense')).toBeUndefined();
    expect(await events.eventsAfter('stream-a', first)).toEqual([
      { streamId: 'stream-a', eventId: second, message: notification(2) },
      { streamId: 'stream-a', eventId: third, message: notification(3) },
    ]);
    const key = `${keyPrefix}events:{${sessionId}}`;
    expect(await admin.pttl(key)).toBeGreaterThan(TTL_MS - 5_000);

    // Bounded: MAXLEN ~ trims whole nodes, so the length stays within one node of the cap.
    for (let n = 0; n < 400; n++) await events.storeEvent('stream-a', notification(n));
    await expect
      .poll(async () => (await events.eventsAfter('stream-a'))?.at(-1)?.message)
      .toEqual(notification(399));
    expect(await admin.xlen(key)).toBeLessThanOrEqual(200);
    // An id no longer kept replays everything still kept of that stream.
    const kept = ((await events.eventsAfter('stream-a', first)) ?? []).map((e) => e.eventId);
    expect(kept.length).toBeGreaterThan(90);
    expect(kept.every((id) => id.startsWith('stream-a_'))).toBe(true);
  });

  it('seals each stored event and relayed message under the events key, and replays them opened', async () => {
    const [replicaA, replicaB] = [openStore(), openStore()];
    await Promise.all([replicaA.waitUntilReady(5_000), replicaB.waitUntilReady(5_000)]);
    const sessionId = randomUUID();
    const revealed: JSONRPCMessage = {
      jsonrpc: '2.0',
      id: 4,
      result: { structuredContent: { secretValue: 'revealed-value-0123' } },
    };
    const heard: RelayedMessage[] = [];
    const stop = await replicaB.relay.listen(sessionId, (message) => heard.push(message));
    const spy = new Redis(REDIS_URL);
    const published: string[] = [];
    spy.on('message', (_channel: string, payload: string) => published.push(payload));
    await spy.subscribe(`${keyPrefix}channel:{${sessionId}}`);
    const eventId = await replicaA.eventStore(sessionId).storeEvent('stream-a', revealed);

    const key = `${keyPrefix}events:{${sessionId}}`;
    await expect.poll(() => admin.xlen(key)).toBe(1);
    const raw = JSON.stringify(await admin.xrange(key, '-', '+'));
    expect(raw).toContain(eventId);
    expect(raw).not.toContain('revealed-value-0123');
    await expect.poll(() => published.length).toBe(1);
    expect(published[0]).not.toContain('revealed-value-0123');
    // Another replica with the key reads it back and hears it relayed, in clear.
    expect(await replicaB.eventStore(sessionId).eventsAfter('stream-a')).toEqual([
      { streamId: 'stream-a', eventId, message: revealed },
    ]);
    await expect
      .poll(() => heard)
      .toEqual([{ type: 'event', event: { streamId: 'stream-a', eventId, message: revealed } }]);
    // Under another key the event does not open: it is skipped, not served garbled.
    const stranger = openStore({ eventsKey: Buffer.alloc(32, 9) });
    await stranger.waitUntilReady(5_000);
    expect(await stranger.eventStore(sessionId).eventsAfter('stream-a')).toEqual([]);
    stop();
    spy.disconnect();
  });

  it('keeps events in clear only when told to (no events key)', async () => {
    const store = openStore({ eventsKey: undefined });
    await store.waitUntilReady(5_000);
    const sessionId = randomUUID();
    await store.eventStore(sessionId).storeEvent('stream-a', notification(8));
    const key = `${keyPrefix}events:{${sessionId}}`;
    await expect
      .poll(async () => (await admin.xrange(key, '-', '+')).at(-1)?.[1][5])
      .toBe(JSON.stringify(notification(8)));
  });

  it('relays what one replica stores to another that listens, and replies back', async () => {
    const [replicaA, replicaB] = [openStore(), openStore()];
    await Promise.all([replicaA.waitUntilReady(5_000), replicaB.waitUntilReady(5_000)]);
    const sessionId = randomUUID();
    const heard: RelayedMessage[] = [];
    const stop = await replicaB.relay.listen(sessionId, (message) => heard.push(message));

    const eventId = await replicaA.eventStore(sessionId).storeEvent('_GET_stream', notification(5));
    // Published once stored, so the reply below comes second.
    await expect.poll(() => heard.length).toBe(1);
    replicaA.relay.publish(sessionId, {
      type: 'reply',
      message: { jsonrpc: '2.0', id: 4, result: {} },
      from: replicaA.relay.replicaId,
    });
    await expect.poll(() => heard.length).toBe(2);
    expect(heard[0]).toEqual({
      type: 'event',
      event: { streamId: '_GET_stream', eventId, message: notification(5) },
    });
    expect(heard[1]).toMatchObject({ type: 'reply', from: replicaA.relay.replicaId });
    expect(await replicaB.eventsAfter(sessionId, '_GET_stream')).toEqual([
      { streamId: '_GET_stream', eventId, message: notification(5) },
    ]);
    stop();
  });
});

describe('RedisSessionStore without Redis', () => {
  it('refuses new sessions with a clear message and still hands events to the open stream', async () => {
    const store = openStore({ url: 'redis://:hunter2@127.0.0.1:1' });
    expect(store.unavailable()).toMatch(
      /^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 is unavailable \((connecting|reconnecting|connect)\)/,
    );
    await expect(store.save(record())).rejects.toBeInstanceOf(SessionStoreUnavailableError);
    await expect(store.load('x')).rejects.toBeInstanceOf(SessionStoreUnavailableError);
    const id = await store.eventStore('s').storeEvent('stream-a', notification(1));
    expect(id).toMatch(/^stream-a_[0-9a-f]{8}-1$/);
    expect(store.unavailable()).not.toContain('hunter2');
  });
});

describe('Redis URLs', () => {
  it('reads single node, Sentinel and Cluster URLs', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toEqual({
      kind: 'node',
      url: 'redis://127.0.0.1:6379/2',
    });
    expect(parseRedisUrl('redis+sentinel://:pw@s1:26379,s2/mymaster/3')).toEqual({
      kind: 'sentinel',
      tls: false,
      hosts: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      password: 'pw',
      username: undefined,
      name: 'mymaster',
      db: 3,
    });
    expect(parseRedisUrl('rediss+cluster://user:pw@c1:7000,c2:7001')).toEqual({
      kind: 'cluster',
      tls: true,
      hosts: [
        { host: 'c1', port: 7000 },
        { host: 'c2', port: 7001 },
      ],
      username: 'user',
      password: 'pw',
    });
  });

  it('explains bad URLs without showing the password', () => {
    expect(redisUrlProblem('http://u:secret@x')).toMatch(/is not a Redis URL/);
    expect(redisUrlProblem('http://u:secret@x')).not.toContain('secret');
    expect(redisUrlProblem('redis+sentinel://s1:26379')).toMatch(/ends with \/<master name>/);
    expect(redact('redis://u:secret@x:1')).toBe('redis://u:***@x:1');
  });

  it('builds ioredis clients for each topology', () => {
    for (const url of [
      'redis://127.0.0.1:1',
      'redis+sentinel://127.0.0.1:1/mymaster',
      'redis+cluster://127.0.0.1:1',
    ]) {
      const client = connectRedis(url);
      client.on('error', () => {});
      expect(client instanceof Cluster).toBe(url.includes('cluster'));
      expect(client instanceof Redis).toBe(!url.includes('cluster'));
      client.disconnect();
    }
  });
});
