import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpServerConfigError, resolveHttpServerOptions } from '../src/http-server-options.js';
import { ClientLimits } from '../src/limits/client-limits.js';
import { resolveLimitOptions } from '../src/limits/limit-options.js';
import { ThrottledLog } from '../src/observability/throttled-log.js';
import { hostAllowed } from '../src/security/host-origin-guard.js';
import { SessionRegistry } from '../src/sessions/session-registry.js';
import { BoundedEventStore } from '../src/streamable/bounded-event-store.js';

// Tests that fake the clock put it back here, even when they fail.
afterEach(() => {
  vi.useRealTimers();
});

const base = {
  createMcpServer: () => {
    throw new Error('not used');
  },
  describe: () => ({ name: 'test', version: '0' }),
};

describe('hostAllowed', () => {
  it('matches names on any port, and name:port exactly', () => {
    expect(hostAllowed('localhost:3333', ['localhost'])).toBe(true);
    expect(hostAllowed('LOCALHOST:3333', ['localhost'])).toBe(true);
    expect(hostAllowed('[::1]:3333', ['[::1]'])).toBe(true);
    expect(hostAllowed('mcp.example.com:8443', ['mcp.example.com:8443'])).toBe(true);
    expect(hostAllowed('mcp.example.com:9999', ['mcp.example.com:8443'])).toBe(false);
    expect(hostAllowed('evil.example.com', ['localhost', '127.0.0.1'])).toBe(false);
    expect(hostAllowed('localhost.evil.com', ['localhost'])).toBe(false);
    expect(hostAllowed('anything', ['*'])).toBe(true);
  });
});

describe('resolveHttpServerOptions', () => {
  it('defaults to loopback and the seed ports', () => {
    const resolved = resolveHttpServerOptions(base);
    expect(resolved).toMatchObject({ host: '127.0.0.1', port: 3333, websocketPort: 3334 });
  });

  it('defaults to connection timeouts that close a slow or idle client within 60 s', () => {
    const { headersTimeoutMs, requestReadTimeoutMs, keepAliveTimeoutMs } =
      resolveHttpServerOptions(base);
    // Node checks the first two every quarter of the headers timeout (at most every 5 s), and
    // keeps an idle keep-alive socket 1 s past its timeout.
    const check = Math.min(5000, headersTimeoutMs / 4);
    expect(headersTimeoutMs + check).toBeLessThanOrEqual(60_000);
    expect(requestReadTimeoutMs + check).toBeLessThanOrEqual(60_000);
    expect(keepAliveTimeoutMs + 1000).toBeLessThanOrEqual(60_000);
  });

  it.each([
    [{ host: '0.0.0.0' }, /allowedHosts is required when binding to 0.0.0.0/],
    [{ port: 70000 }, /port must be a whole number from 0 to 65535/],
    [{ port: 4000, websocketPort: 4000 }, /websocketPort must differ from port/],
    [{ allowedOrigins: ['not an origin'] }, /allowedOrigins: "not an origin"/],
    [{ allowedOrigins: ['https://app.example.com/path'] }, /must be an origin only/],
    [{ sessionIdleTimeoutMs: 0 }, /sessionIdleTimeoutMs must be a positive number/],
    [{ redis: { url: 'redis://127.0.0.1:6379' } }, /redis\.eventsKey is required/],
    [
      { redis: { url: 'redis://127.0.0.1:6379', eventsKey: Buffer.alloc(16) } },
      /redis\.eventsKey must be 32 bytes/,
    ],
    [
      {
        auth: {
          mode: 'api-key' as const,
          keys: [
            { id: 'a', sha256: 'a'.repeat(64) },
            { id: 'a', sha256: 'b'.repeat(64) },
          ],
        },
      },
      /API keys: two keys have the id "a"/,
    ],
    [
      {
        auth: {
          mode: 'api-key' as const,
          keys: [
            { id: 'a', sha256: 'a'.repeat(64) },
            { id: 'b', sha256: 'a'.repeat(64) },
          ],
        },
      },
      /API keys: keys "a" and "b" have the same sha256/,
    ],
    [{ headersTimeoutMs: 0 }, /headersTimeoutMs must be a positive number/],
    [
      { headersTimeoutMs: 40_000, requestReadTimeoutMs: 30_000 },
      /headersTimeoutMs \(40000\) must not exceed requestReadTimeoutMs/,
    ],
  ])('rejects %o', (options, message) => {
    expect(() => resolveHttpServerOptions({ ...base, ...options })).toThrow(HttpServerConfigError);
    expect(() => resolveHttpServerOptions({ ...base, ...options })).toThrow(message);
  });
});

describe('BoundedEventStore', () => {
  const message = (id: number) => ({ jsonrpc: '2.0' as const, id, result: {} });

  it('replays what followed an event on the same stream only', async () => {
    const store = new BoundedEventStore(10);
    const first = await store.storeEvent('stream-a', message(1));
    await store.storeEvent('stream-b', message(2));
    await store.storeEvent('stream-a', message(3));
    const replayed: unknown[] = [];
    const streamId = await store.replayEventsAfter(first, {
      send: async (_id, sent) => {
        replayed.push(sent);
      },
    });
    expect(streamId).toBe('stream-a');
    expect(replayed).toEqual([message(3)]);
    expect(await store.getStreamIdForEventId(first)).toBe('stream-a');
  });

  it('keeps only the newest events of a stream', async () => {
    const store = new BoundedEventStore(2);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store.storeEvent('s', message(i)));
    const replayed: unknown[] = [];
    await store.replayEventsAfter(ids[3] as string, {
      send: async (_id, sent) => {
        replayed.push(sent);
      },
    });
    expect(replayed).toEqual([message(4)]);
  });

  it('forgets the least recently used streams, so a long session does not grow without end', async () => {
    const store = new BoundedEventStore(10, 3);
    const standalone = await store.storeEvent('_GET_stream', message(0));
    const first = await store.storeEvent('post-1', message(1));
    const second = await store.storeEvent('post-2', message(2));
    // Over the cap: the oldest POST stream goes, the standalone GET stream stays.
    await store.storeEvent('post-3', message(3));
    expect(await store.getStreamIdForEventId(first)).toBeUndefined();
    await store.storeEvent('post-2', message(4));
    await store.storeEvent('post-4', message(5));
    expect(await store.getStreamIdForEventId('post-3_x')).toBeUndefined();
    expect(await store.getStreamIdForEventId(second)).toBe('post-2');
    expect(await store.getStreamIdForEventId(standalone)).toBe('_GET_stream');
  });

  it('forgets the stream of an answer the client acknowledged, and only that one', async () => {
    const store = new BoundedEventStore(10);
    const primed = await store.storeEvent('init', {} as never);
    await store.storeEvent('init', message(0));
    const later = await store.storeEvent('post-1', { jsonrpc: '2.0', id: 1, result: {} });
    const notification = await store.storeEvent('post-2', {
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 0, progress: 1 },
    });
    store.forgetStreamAnswering(0);
    expect(await store.getStreamIdForEventId(primed)).toBeUndefined();
    expect(await store.getStreamIdForEventId(later)).toBe('post-1');
    expect(await store.getStreamIdForEventId(notification)).toBe('post-2');
    store.forgetStreamAnswering(1);
    store.forgetStreamAnswering(2);
    expect(await store.getStreamIdForEventId(notification)).toBe('post-2');
    // Events keep coming after every stream was forgotten.
    expect(await store.getStreamIdForEventId(await store.storeEvent('post-3', message(3)))).toBe(
      'post-3',
    );
  });
});

describe('SessionRegistry', () => {
  it('closes idle sessions but not busy ones', async () => {
    let now = 0;
    const closed: string[] = [];
    const registry = new SessionRegistry(
      { idleTimeoutMs: 1000, restorableIdleMs: 1000 },
      (session, reason) => closed.push(`${session.id}:${reason}`),
      () => now,
    );
    const fakeServer = { close: async () => {} } as never;
    const idle = registry.create({
      id: 'idle',
      kind: 'websocket',
      server: fakeServer,
      transport: {} as never,
      principalId: 'anonymous',
    });
    const busy = registry.create({
      id: 'busy',
      kind: 'websocket',
      server: fakeServer,
      transport: {} as never,
      principalId: 'anonymous',
    });
    registry.add(idle);
    registry.add(busy);
    busy.inFlight = 1;
    now = 5000;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toEqual(['idle:idle']);
    expect(registry.get('busy')).toBeDefined();
    expect(registry.inFlight()).toBe(1);
    const done = registry.trackStateless();
    expect(registry.inFlight()).toBe(2);
    done();
    done();
    expect(registry.inFlight()).toBe(1);
  });

  it('hibernates an idle Streamable HTTP session early, unless a stream is open on it', async () => {
    let now = 0;
    const closed: string[] = [];
    const registry = new SessionRegistry(
      { idleTimeoutMs: 10_000, restorableIdleMs: 1000 },
      (session, reason) => closed.push(`${session.id}:${reason}`),
      () => now,
    );
    const fakeServer = { close: async () => {} } as never;
    const open = (id: string, kind: 'streamable-http' | 'websocket') => {
      const session = registry.create({
        id,
        kind,
        server: fakeServer,
        transport: {} as never,
        principalId: 'anonymous',
      });
      registry.add(session);
      return session;
    };
    open('quiet', 'streamable-http');
    const listening = open('listening', 'streamable-http');
    open('socket', 'websocket');
    const streamClosed = registry.trackStream(listening);

    now = 2000;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toEqual(['quiet:hibernated']);

    // The stream closes: the session counts as active from then on, and hibernates later.
    streamClosed();
    now = 2500;
    registry.closeIdle();
    expect(registry.get('listening')).toBeDefined();
    now = 3600;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toEqual(['quiet:hibernated', 'listening:hibernated']);

    // A WebSocket is its connection: it is closed only after the full idle timeout.
    expect(registry.get('socket')).toBeDefined();
    now = 10_001;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toContain('socket:idle');
  });
});

describe('ClientLimits session slots', () => {
  function limitsWithCaps(maxSessionsPerClient: number, maxSessions: number) {
    const sessions = new SessionRegistry({ idleTimeoutMs: 60_000, restorableIdleMs: 60_000 });
    const options = resolveLimitOptions({ maxSessionsPerClient, maxSessions }, (m) => new Error(m));
    return new ClientLimits(options, sessions, 60_000, new Registry());
  }

  it('counts openings not yet registered, frees each once, and caps the total too', () => {
    const limits = limitsWithCaps(2, 3);
    const [first, second, third] = [{}, {}, {}];
    limits.reserveSession(first, 'alpha');
    limits.reserveSession(second, 'alpha');
    expect(limits.refuseNewSession('alpha')).toMatchObject({ status: 429 });
    limits.reserveSession(third, 'beta');
    expect(limits.refuseNewSession('gamma')).toMatchObject({ status: 503 });
    limits.releaseSession(first);
    limits.releaseSession(first);
    expect(limits.refuseNewSession('alpha')).toBeUndefined();
    limits.releaseSession(second);
    limits.releaseSession(third);
    expect(limits.refuseNewSession('gamma')).toBeUndefined();
  });

  it('gives a slot back on its own when the opening never says how it ended', () => {
    vi.useFakeTimers();
    const limits = limitsWithCaps(1, 0);
    limits.reserveSession({}, 'alpha');
    expect(limits.refuseNewSession('alpha')).toMatchObject({ status: 429 });
    vi.advanceTimersByTime(30_000);
    expect(limits.refuseNewSession('alpha')).toBeUndefined();
  });
});

describe('ClientLimits failed authentications', () => {
  it('refuses an address once it reaches the limit, before counting more, until its window ends', () => {
    vi.useFakeTimers();
    const options = resolveLimitOptions(
      { authFailuresPerWindow: 3, rateWindowMs: 10_000 },
      (m) => new Error(m),
    );
    const limits = new ClientLimits(
      options,
      new SessionRegistry({ idleTimeoutMs: 60_000, restorableIdleMs: 60_000 }),
      60_000,
      new Registry(),
    );
    expect([1, 2, 3].map(() => limits.countAuthFailure('10.0.0.1'))).toEqual([false, false, true]);
    expect(limits.refuseFailingSource('10.0.0.1')).toMatchObject({
      status: 429,
      reason: 'auth_failures',
      retryAfterSeconds: 10,
    });
    expect(limits.refuseFailingSource('10.0.0.2')).toBeUndefined();
    vi.advanceTimersByTime(10_000);
    expect(limits.refuseFailingSource('10.0.0.1')).toBeUndefined();
  });
});

describe('ThrottledLog', () => {
  it('writes the first line of a window and one summary of the rest when it ends', () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const log = new ThrottledLog(1000, (suppressed, seconds) =>
      written.push(`summary ${suppressed} in ${seconds} s`),
    );
    for (let i = 0; i < 5; i++) log.write(() => written.push(`line ${i}`));
    expect(written).toEqual(['line 0']);
    vi.advanceTimersByTime(1000);
    expect(written).toEqual(['line 0', 'summary 4 in 1 s']);
    log.write(() => written.push('line 5'));
    vi.advanceTimersByTime(5000);
    expect(written).toEqual(['line 0', 'summary 4 in 1 s', 'line 5']);
  });
});
