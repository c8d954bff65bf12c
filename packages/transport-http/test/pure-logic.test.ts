import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpServerConfigError, resolveHttpServerOptions } from '../src/http-server-options.js';
import { ClientLimits } from '../src/limits/client-limits.js';
import { resolveLimitOptions } from '../src/limits/limit-options.js';
import { ThrottledLog } from '../src/observability/throttled-log.js';
import { hostAllowed } from '../src/security/host-origin-guard.js';
import { SessionRegistry } from '../src/sessions/session-registry.js';
import { StreamableSessions } from '../src/sessions/streamable-sessions.js';
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

  it('gives what followed an event on the same stream only, and tells each event as it is kept', async () => {
    const told: string[] = [];
    const store = new BoundedEventStore(10, undefined, (event) => told.push(event.eventId));
    const first = await store.storeEvent('stream-a', message(1));
    const other = await store.storeEvent('stream-b', message(2));
    const third = await store.storeEvent('stream-a', message(3));
    expect(store.eventsAfter('stream-a', first)).toEqual([
      { streamId: 'stream-a', eventId: third, message: message(3) },
    ]);
    expect(told).toEqual([first, other, third]);
    // A stream the session never had is unknown, not empty: a Last-Event-ID of it is refused.
    expect(store.eventsAfter('no-such-stream', 'no-such-stream_1')).toBeUndefined();
  });

  it('keeps only the newest events of a stream', async () => {
    const store = new BoundedEventStore(2);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store.storeEvent('s', message(i)));
    expect(store.eventsAfter('s', ids[3])?.map((event) => event.message)).toEqual([message(4)]);
    // An id no longer kept: everything still held rather than nothing.
    expect(store.eventsAfter('s', ids[0])?.map((event) => event.message)).toEqual([
      message(3),
      message(4),
    ]);
  });

  it('forgets the least recently used streams, so a long session does not grow without end', async () => {
    const store = new BoundedEventStore(10, 3);
    await store.storeEvent('_GET_stream', message(0));
    await store.storeEvent('post-1', message(1));
    await store.storeEvent('post-2', message(2));
    // Over the cap: the oldest POST stream goes, the standalone GET stream stays.
    await store.storeEvent('post-3', message(3));
    expect(store.eventsAfter('post-1')).toBeUndefined();
    await store.storeEvent('post-2', message(4));
    await store.storeEvent('post-4', message(5));
    expect(store.eventsAfter('post-3')).toBeUndefined();
    expect(store.eventsAfter('post-2')).toHaveLength(2);
    expect(store.eventsAfter('_GET_stream')).toHaveLength(1);
  });
});

describe('SessionRegistry', () => {
  const fakeServer = { close: async () => {} } as never;

  it('closes idle sessions but not busy ones', async () => {
    let now = 0;
    const closed: string[] = [];
    const registry = new SessionRegistry(
      { idleTimeoutMs: 1000, serverReleaseMs: 1000 },
      (session, reason) => closed.push(`${session.id}:${reason}`),
      () => now,
    );
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

  it('lets the server of a Streamable HTTP session go soon after its last request, a connection only after the idle timeout', async () => {
    let now = 0;
    const closed: string[] = [];
    const registry = new SessionRegistry(
      { idleTimeoutMs: 10_000, serverReleaseMs: 1000 },
      (session, reason) => closed.push(`${session.id}:${reason}`),
      () => now,
    );
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
    const calling = open('calling', 'streamable-http');
    calling.inFlight = 1;
    open('socket', 'websocket');

    now = 2000;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toEqual(['quiet:released']);
    expect(registry.connections).toBe(1);

    calling.inFlight = 0;
    registry.touch('calling');
    now = 3100;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toEqual(['quiet:released', 'calling:released']);

    expect(registry.get('socket')).toBeDefined();
    now = 10_001;
    registry.closeIdle();
    await Promise.resolve();
    expect(closed).toContain('socket:idle');
  });
});

describe('ClientLimits session caps', () => {
  function limitsWithCaps(maxSessionsPerClient: number, maxSessions: number, now = () => 0) {
    const sessions = new SessionRegistry({ idleTimeoutMs: 60_000, serverReleaseMs: 10_000 });
    const streamable = new StreamableSessions(60_000, now);
    const options = resolveLimitOptions(
      { maxSessionsPerClient, maxSessions, toolCallTimeoutMs: 20_000 },
      (m) => new Error(m),
    );
    return {
      limits: new ClientLimits(options, sessions, streamable, new Registry()),
      sessions,
      streamable,
    };
  }
  const refuseEviction = () => {
    throw new Error('nothing should be evicted here');
  };

  it('counts openings not yet registered, frees each once, and caps the total too', () => {
    const { limits } = limitsWithCaps(2, 3);
    const [first, second, third] = [{}, {}, {}];
    limits.reserveSession(first, 'alpha');
    limits.reserveSession(second, 'alpha');
    expect(limits.admitNewSession('alpha', refuseEviction)).toMatchObject({ status: 429 });
    limits.reserveSession(third, 'beta');
    expect(limits.admitNewSession('gamma', refuseEviction)).toMatchObject({ status: 503 });
    limits.releaseSession(first);
    limits.releaseSession(first);
    expect(limits.admitNewSession('alpha', refuseEviction)).toBeUndefined();
    limits.releaseSession(second);
    limits.releaseSession(third);
    expect(limits.admitNewSession('gamma', refuseEviction)).toBeUndefined();
  });

  it('gives a slot back on its own when the opening never says how it ended', () => {
    vi.useFakeTimers();
    const { limits } = limitsWithCaps(1, 0);
    limits.reserveSession({}, 'alpha');
    expect(limits.admitNewSession('alpha', refuseEviction)).toMatchObject({ status: 429 });
    vi.advanceTimersByTime(30_000);
    expect(limits.admitNewSession('alpha', refuseEviction)).toBeUndefined();
  });

  it('at a client cap closes its least recently used idle session; refuses only when all are in use, with a true Retry-After', () => {
    let now = 0;
    const { limits, sessions, streamable } = limitsWithCaps(2, 0, () => now);
    streamable.use('older', 'alpha');
    now = 10;
    streamable.use('newer', 'alpha');
    streamable.use('other-client', 'beta');
    const evicted: string[] = [];
    const evict = (session: { id: string }) => {
      evicted.push(session.id);
      streamable.forget(session.id);
    };
    expect(limits.admitNewSession('alpha', evict)).toBeUndefined();
    expect(evicted).toEqual(['older']);

    // Every session of the client busy: one with a call in flight, one with a stream open.
    streamable.use('calling', 'alpha');
    const calling = sessions.create({
      id: 'calling',
      kind: 'streamable-http',
      server: { close: async () => {} } as never,
      transport: {} as never,
      principalId: 'alpha',
    });
    sessions.add(calling);
    calling.inFlight = 1;
    streamable.forget('newer');
    streamable.trackStream('listening', 'alpha');
    const refused = limits.admitNewSession('alpha', evict);
    expect(refused).toMatchObject({ status: 429, reason: 'sessions_per_client' });
    // A stream may stay open for ever: nothing can be promised sooner than the longest wait.
    expect(refused?.retryAfterSeconds).toBe(60);
    expect(evicted).toEqual(['older']);

    // Busy with calls only: one is answered (or timed out) within the tool-call timeout.
    streamable.forget('listening');
    streamable.use('calling-too', 'alpha');
    const callingToo = sessions.create({
      id: 'calling-too',
      kind: 'streamable-http',
      server: { close: async () => {} } as never,
      transport: {} as never,
      principalId: 'alpha',
    });
    sessions.add(callingToo);
    callingToo.inFlight = 1;
    expect(limits.admitNewSession('alpha', evict)?.retryAfterSeconds).toBe(20);
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
      new SessionRegistry({ idleTimeoutMs: 60_000, serverReleaseMs: 10_000 }),
      new StreamableSessions(60_000),
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
