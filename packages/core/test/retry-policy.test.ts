import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInfisicalClient } from '../src/infisical/create-infisical-client.js';
import { InfisicalApiError } from '../src/infisical/infisical-api-error.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../src/infisical/retry-policy.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
const SECRET = 'GET /api/v4/secrets/:secretName';
const CREATE = 'POST /api/v4/secrets/:secretName';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
}, 30_000);

afterAll(async () => {
  await sandbox?.close();
});

beforeEach(() => {
  sandbox.faults.clear();
  sandbox.stats.reset();
});

function client(timeoutMs?: number) {
  return createInfisicalClient({
    hostUrl: sandbox.url,
    timeoutMs,
    retry: { baseDelayMs: 20 },
    auth: {
      method: 'universal-auth',
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    },
  });
}

const scope = () => ({ projectId: sandbox.demo.projectId, environment: 'dev' });

function failure(details: Partial<InfisicalApiError>): InfisicalApiError {
  return new InfisicalApiError('x', {
    kind: 'http',
    status: 0,
    method: 'GET',
    path: '/',
    ...details,
  });
}

describe('retryDelayMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

  it('backs off exponentially with jitter of at most half, capped', () => {
    const error = failure({ status: 503 });
    expect(retryDelayMs(error, 1, policy, () => 0)).toBe(50);
    expect(retryDelayMs(error, 1, policy, () => 1)).toBe(100);
    expect(retryDelayMs(error, 2, policy, () => 1)).toBe(200);
    expect(retryDelayMs(error, 3, { ...policy, maxAttempts: 9 }, () => 1)).toBe(400);
    expect(retryDelayMs(error, 8, { ...policy, maxAttempts: 9 }, () => 1)).toBe(1_000);
  });

  it('waits at least as long as Retry-After asks, and gives up when it asks too much', () => {
    expect(retryDelayMs(failure({ status: 429, retryAfterSeconds: 0.5 }), 1, policy, () => 0)).toBe(
      500,
    );
    expect(
      retryDelayMs(failure({ status: 429, retryAfterSeconds: 0.5 }), 1, policy, () => 1),
    ).toBeLessThanOrEqual(1_000);
    expect(retryDelayMs(failure({ status: 429, retryAfterSeconds: 2 }), 1, policy)).toBeUndefined();
  });

  it('retries only what may pass, and only so many times', () => {
    for (const status of [429, 500, 502, 503, 504]) {
      expect(retryDelayMs(failure({ status }), 1, policy)).toBeDefined();
    }
    for (const status of [400, 401, 403, 404, 409, 422]) {
      expect(retryDelayMs(failure({ status }), 1, policy)).toBeUndefined();
    }
    expect(retryDelayMs(failure({ kind: 'network' }), 1, policy)).toBeDefined();
    expect(retryDelayMs(failure({ kind: 'timeout' }), 1, policy)).toBeUndefined();
    expect(retryDelayMs(failure({ kind: 'aborted' }), 1, policy)).toBeUndefined();
    expect(retryDelayMs(failure({ status: 503 }), 3, policy)).toBeUndefined();
  });
});

describe('InfisicalHttp retries against the sandbox', () => {
  it('recovers a read from 429 with Retry-After, 5xx and a dropped connection', async () => {
    const c = client();
    await c.tokens.getToken();
    sandbox.faults.configure({ failNext: { status: 429, retryAfterSeconds: 0.2, route: SECRET } });
    const started = performance.now();
    await c.request({ method: 'GET', path: '/api/v4/secrets/API_KEY', query: scope() });
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    sandbox.faults.configure({ failNext: { status: 503, count: 2, route: SECRET } });
    await c.request({ method: 'GET', path: '/api/v4/secrets/API_KEY', query: scope() });
    sandbox.faults.configure({ dropNext: { route: SECRET } });
    await c.request({ method: 'GET', path: '/api/v4/secrets/API_KEY', query: scope() });
    expect(sandbox.stats.count(SECRET)).toBe(2 + 3 + 2);
  });

  it('gives up after the last attempt and says how many it made', async () => {
    sandbox.faults.configure({ failNext: { status: 502, count: 5, route: SECRET } });
    const error = (await client()
      .request({ method: 'GET', path: '/api/v4/secrets/API_KEY', query: scope() })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as InfisicalApiError;
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toMatch(/after 3 attempts/);
    expect(sandbox.stats.count(SECRET)).toBe(3);
  });

  it('never retries a write that is not marked idempotent', async () => {
    const c = client();
    for (const fault of [
      { failNext: { status: 429, retryAfterSeconds: 0.1, route: CREATE } },
      { failNext: { status: 503, route: CREATE } },
      { dropNext: { route: CREATE, when: 'after' as const } },
    ]) {
      sandbox.faults.configure(fault);
      const error = await c
        .request({
          method: 'POST',
          path: '/api/v4/secrets/ONCE',
          body: { ...scope(), secretValue: 'v' },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InfisicalApiError);
    }
    expect(sandbox.stats.count(CREATE)).toBe(3);
    // The last attempt was applied before its answer was lost: applied once, not twice.
    const read = await c.request<{ secret: { version: number } }>({
      method: 'GET',
      path: '/api/v4/secrets/ONCE',
      query: scope(),
    });
    expect(read.secret.version).toBe(1);
  });

  it('keeps retries inside the timeout', async () => {
    const c = client(400);
    await c.tokens.getToken();
    sandbox.faults.configure({
      failNext: { status: 503, count: 50, route: SECRET },
      latencyMs: 150,
    });
    const started = performance.now();
    const error = (await c
      .request({ method: 'GET', path: '/api/v4/secrets/API_KEY', query: scope() })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as InfisicalApiError;
    expect(error).toBeInstanceOf(InfisicalApiError);
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('stops waiting between attempts when the caller aborts', async () => {
    const c = createInfisicalClient({
      hostUrl: sandbox.url,
      retry: { baseDelayMs: 4_000, maxDelayMs: 4_000 },
      auth: {
        method: 'universal-auth',
        clientId: sandbox.demo.clientId,
        clientSecret: sandbox.demo.clientSecret,
      },
    });
    await c.tokens.getToken();
    sandbox.faults.configure({ failNext: { status: 503, route: SECRET } });
    const started = performance.now();
    const error = (await c
      .request({
        method: 'GET',
        path: '/api/v4/secrets/API_KEY',
        query: scope(),
        signal: AbortSignal.timeout(100),
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as InfisicalApiError;
    expect(error.kind).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
