import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PerCallTokenProvider } from '../src/auth/per-call-provider.js';
import type { SharedToken, SharedTokenCache } from '../src/auth/shared-token-cache.js';
import { UniversalAuthTokenProvider } from '../src/auth/universal-auth-provider.js';
import { InfisicalHttp } from '../src/infisical/infisical-http.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

const LOGIN = 'POST /api/v1/auth/universal-auth/login';
const RENEW = 'POST /api/v1/auth/token/renew';
const REVOKE = 'POST /api/v1/auth/token/revoke';

async function stats(): Promise<Record<string, number>> {
  const response = await fetch(`${sandbox.url}/__sandbox/stats`);
  return ((await response.json()) as { requests: Record<string, number> }).requests;
}

async function resetStats() {
  await fetch(`${sandbox.url}/__sandbox/stats/reset`, { method: 'POST' });
}

beforeAll(async () => {
  // Tokens live 60 s and can be renewed for 300 s; the provider's clock is faked below.
  sandbox = await startSandbox({ port: 0, accessTokenTTL: 60, accessTokenMaxTTL: 300 });
});

afterAll(async () => {
  await sandbox?.close();
});

function providerWithClock() {
  const clock = { now: Date.now() };
  const provider = new UniversalAuthTokenProvider({
    http: new InfisicalHttp({ baseUrl: sandbox.url }),
    credentials: { clientId: sandbox.demo.clientId, clientSecret: sandbox.demo.clientSecret },
    now: () => clock.now,
  });
  return { provider, clock };
}

describe('UniversalAuthTokenProvider', () => {
  it('logs in once and serves the cached token until it nears expiry', async () => {
    await resetStats();
    const { provider, clock } = providerWithClock();
    const first = await provider.getToken();
    clock.now += 30_000;
    expect(await provider.getToken()).toBe(first);
    expect(await stats()).toEqual({ [LOGIN]: 1 });
  });

  it('shares one login between concurrent callers', async () => {
    await resetStats();
    const { provider } = providerWithClock();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(await stats()).toEqual({ [LOGIN]: 1 });
  });

  it('renews shortly before expiry while within the max TTL', async () => {
    await resetStats();
    const { provider, clock } = providerWithClock();
    await provider.getToken();
    clock.now += 57_000; // inside the last 10% of the 60 s lifetime
    const renewed = await provider.getToken();
    expect(await stats()).toEqual({ [LOGIN]: 1, [RENEW]: 1 });
    const check = await fetch(`${sandbox.url}/api/v1/projects`, {
      headers: { authorization: `Bearer ${renewed}` },
    });
    expect(check.status).toBe(200);
  });

  it('logs in again once the max TTL has passed', async () => {
    await resetStats();
    const { provider, clock } = providerWithClock();
    await provider.getToken();
    clock.now += 301_000;
    await provider.getToken();
    expect(await stats()).toEqual({ [LOGIN]: 2 });
  });

  it('forgets an invalidated token', async () => {
    await resetStats();
    const { provider } = providerWithClock();
    const first = await provider.getToken();
    provider.invalidate('some-other-token');
    expect(await provider.getToken()).toBe(first);
    provider.invalidate(first);
    await provider.getToken();
    expect(await stats()).toEqual({ [LOGIN]: 2 });
  });

  it('lets one caller stop waiting without cancelling the shared login', async () => {
    await resetStats();
    const { provider } = providerWithClock();
    const controller = new AbortController();
    const impatient = provider.getToken({ signal: controller.signal });
    const patient = provider.getToken();
    controller.abort(new Error('gave up'));
    await expect(impatient).rejects.toThrow('gave up');
    expect(typeof (await patient)).toBe('string');
    expect(await stats()).toEqual({ [LOGIN]: 1 });
  });
});

describe('PerCallTokenProvider', () => {
  it('logs in once per tool call scope', async () => {
    await resetStats();
    const provider = new PerCallTokenProvider(new InfisicalHttp({ baseUrl: sandbox.url }), {
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    });
    const call = provider.forCall();
    const [a, b] = await Promise.all([call.getToken(), call.getToken()]);
    expect(a).toBe(b);
    await provider.forCall().getToken();
    expect(await stats()).toEqual({ [LOGIN]: 2 });
  });

  it('revokes the call’s token once the call releases its scope, and only then', async () => {
    const http = new InfisicalHttp({ baseUrl: sandbox.url });
    const provider = new PerCallTokenProvider(http, {
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    });
    const call = provider.forCall();
    const token = await call.getToken();
    const readWith = (accessToken: string) =>
      http.send({ method: 'GET', path: '/api/v1/projects', idempotent: false }, accessToken);
    await expect(readWith(token)).resolves.toBeDefined();
    await resetStats();
    call.release?.();
    await expect.poll(async () => (await stats())[REVOKE] ?? 0).toBe(1);
    await expect(readWith(token)).rejects.toMatchObject({ status: 401 });
    // A scope that never logged in has nothing to revoke.
    provider.forCall().release?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await stats())[REVOKE]).toBe(1);
  });
});

/** A SharedTokenCache in this process, as Redis would be between replicas; counts its locks. */
function memorySharedCache(): SharedTokenCache & { locks: number; stored?: SharedToken } {
  let queue = Promise.resolve();
  const cache = {
    locks: 0,
    stored: undefined as SharedToken | undefined,
    async read() {
      return cache.stored;
    },
    async write(token: SharedToken) {
      cache.stored = token;
    },
    async discard(accessToken: string) {
      if (cache.stored?.accessToken === accessToken) cache.stored = undefined;
    },
    withLock<T>(work: () => Promise<T>): Promise<T> {
      const run = queue.then(() => {
        cache.locks++;
        return work();
      });
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
  };
  return cache;
}

describe('UniversalAuthTokenProvider with a shared token cache', () => {
  function replica(sharedCache: SharedTokenCache) {
    return new UniversalAuthTokenProvider({
      http: new InfisicalHttp({ baseUrl: sandbox.url }),
      credentials: { clientId: sandbox.demo.clientId, clientSecret: sandbox.demo.clientSecret },
      sharedCache,
    });
  }

  it('lets three replicas log in once between them', async () => {
    await resetStats();
    const cache = memorySharedCache();
    const replicas = [replica(cache), replica(cache), replica(cache)];
    const tokens = await Promise.all(replicas.map((provider) => provider.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(await stats()).toEqual({ [LOGIN]: 1 });
    expect(cache.stored?.accessToken).toBe(tokens[0]);
  });

  it('drops a refused token from the cache, so the next caller logs in again', async () => {
    await resetStats();
    const cache = memorySharedCache();
    const provider = replica(cache);
    const first = await provider.getToken();
    provider.invalidate(first);
    await expect.poll(() => cache.stored).toBeUndefined();
    await provider.getToken();
    expect(await stats()).toEqual({ [LOGIN]: 2 });
  });

  it('logs in alone when the cache fails', async () => {
    await resetStats();
    const broken: SharedTokenCache = {
      read: () => Promise.reject(new Error('cache down')),
      write: () => Promise.reject(new Error('cache down')),
      discard: () => Promise.reject(new Error('cache down')),
      withLock: () => Promise.reject(new Error('cache down')),
    };
    expect(await replica(broken).getToken()).toMatch(/\S/);
    expect(await stats()).toEqual({ [LOGIN]: 1 });
  });
});
