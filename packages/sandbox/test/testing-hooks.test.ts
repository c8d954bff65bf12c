import { describe, expect, it } from 'vitest';
import { expectedError, startTestSandbox } from './helpers.js';

const LIST = '/api/v4/secrets';

type TestClient = Awaited<ReturnType<typeof startTestSandbox>>['client'];

/** Delays API requests by 300 ms and sends a list whose client gives up after 50. */
async function abandonDelayedList(client: TestClient, projectId: string) {
  await client.put('/__sandbox/faults', { latencyMs: 300 });
  const url = `${client.baseUrl}${LIST}?projectId=${projectId}&environment=dev`;
  await expect(
    fetch(url, {
      headers: { authorization: `Bearer ${client.token}` },
      signal: AbortSignal.timeout(50),
    }),
  ).rejects.toThrow();
}

describe('request counters', () => {
  it('counts requests by route pattern, logins included, admin routes excluded', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    await client.get(LIST, scope);
    await client.get(`${LIST}/API_KEY`, scope);
    await client.get(`${LIST}/LOG_LEVEL`, scope);
    await client.get('/__sandbox/state');

    const stats = await client.get('/__sandbox/stats');
    expect(stats.body).toEqual({
      total: 4,
      requests: {
        'POST /api/v1/auth/universal-auth/login': 1,
        'GET /api/v4/secrets': 1,
        'GET /api/v4/secrets/:secretName': 2,
      },
      aborted: {},
    });

    expect((await client.post('/__sandbox/stats/reset')).body).toEqual({
      total: 0,
      requests: {},
      aborted: {},
    });
    await client.get(LIST, scope);
    expect((await client.get('/__sandbox/stats')).body).toEqual({
      total: 1,
      requests: { 'GET /api/v4/secrets': 1 },
      aborted: {},
    });
  });

  it('is available programmatically', async () => {
    const { sandbox, client, projectId } = await startTestSandbox();
    await client.get(LIST, { projectId, environment: 'dev' });
    expect(sandbox.stats.count('GET /api/v4/secrets')).toBe(1);
    sandbox.stats.reset();
    expect(sandbox.stats.snapshot().total).toBe(0);
  });
});

describe('fault injection', () => {
  it('adds latency to API requests but not to admin routes', async () => {
    const { client, projectId } = await startTestSandbox();
    await client.put('/__sandbox/faults', { latencyMs: 150 });
    let started = Date.now();
    await client.get(LIST, { projectId, environment: 'dev' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    started = Date.now();
    await client.get('/__sandbox/stats');
    expect(Date.now() - started).toBeLessThan(140);

    await client.delete('/__sandbox/faults');
    started = Date.now();
    await client.get(LIST, { projectId, environment: 'dev' });
    expect(Date.now() - started).toBeLessThan(140);
  });

  it('fails the next request with 429 and Retry-After', async () => {
    const { client, projectId } = await startTestSandbox();
    const configured = await client.put('/__sandbox/faults', {
      failNext: { status: 429, retryAfterSeconds: 2 },
    });
    expect(configured.body).toEqual({
      latencyMs: 0,
      failNext: { status: 429, count: 1, retryAfterSeconds: 2 },
      dropNext: null,
    });
    const limited = await client.get(LIST, { projectId, environment: 'dev' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toEqual(
      expectedError(429, 'RateLimitExceeded', 'Rate limit exceeded. Please try again in 2 seconds'),
    );
    expect((await client.get(LIST, { projectId, environment: 'dev' })).status).toBe(200);
  });

  it('fails only the chosen route, as many times as asked', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    await client.put('/__sandbox/faults', {
      failNext: { status: 500, count: 2, route: 'GET /api/v4/secrets/:secretName' },
    });
    expect((await client.get(LIST, scope)).status).toBe(200);
    const first = await client.get(`${LIST}/API_KEY`, scope);
    expect(first.status).toBe(500);
    expect(first.body).toEqual(expectedError(500, 'InternalServerError', 'Something went wrong'));
    expect((await client.get(`${LIST}/API_KEY`, scope)).status).toBe(500);
    expect((await client.get(`${LIST}/API_KEY`, scope)).status).toBe(200);
  });

  it('answers other statuses with their reason phrase', async () => {
    const { client } = await startTestSandbox();
    await client.put('/__sandbox/faults', { failNext: { status: 503 } });
    const response = await client.get('/api/v1/projects');
    expect(response.status).toBe(503);
    expect(response.body).toEqual(expectedError(503, 'ServiceUnavailable', 'Service Unavailable'));
  });

  it('fails logins too, before credentials are checked', async () => {
    const { sandbox, client } = await startTestSandbox();
    sandbox.faults.configure({
      failNext: { status: 401, route: 'POST /api/v1/auth/universal-auth/login' },
    });
    const response = await client.post('/api/v1/auth/universal-auth/login', {
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('UnauthorizedError');
  });

  it('drops the connection of the next request without answering', async () => {
    const { client, projectId } = await startTestSandbox();
    await client.put('/__sandbox/faults', { dropNext: { route: 'GET /api/v4/secrets' } });
    await expect(client.get(LIST, { projectId, environment: 'dev' })).rejects.toThrow();
    expect((await client.get(LIST, { projectId, environment: 'dev' })).status).toBe(200);
    const stats = await client.get('/__sandbox/stats');
    expect(stats.body.requests['GET /api/v4/secrets']).toBe(2);
  });

  it('drops a write before it takes effect', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    await client.put('/__sandbox/faults', { dropNext: {} });
    await expect(client.post(`${LIST}/DROPPED`, { ...scope, secretValue: 'x' })).rejects.toThrow();
    expect((await client.get(`${LIST}/DROPPED`, scope)).status).toBe(404);
  });

  it('applies a write and then drops its answer with when: after', async () => {
    const { client, projectId } = await startTestSandbox();
    const scope = { projectId, environment: 'dev' };
    await client.put('/__sandbox/faults', { dropNext: { when: 'after' } });
    await expect(client.post(`${LIST}/APPLIED`, { ...scope, secretValue: 'x' })).rejects.toThrow();
    expect((await client.get(`${LIST}/APPLIED`, scope)).status).toBe(200);
    const stats = await client.get('/__sandbox/stats');
    expect(stats.body.aborted).toEqual({ 'POST /api/v4/secrets/:secretName': 1 });
  });

  it('counts a request whose client went away before the answer as aborted', async () => {
    const { client, projectId } = await startTestSandbox();
    await abandonDelayedList(client, projectId);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stats = await client.get('/__sandbox/stats');
    expect(stats.body.aborted).toEqual({ 'GET /api/v4/secrets': 1 });
  });

  it('leaves a fault to the next request when the client of a delayed one went away', async () => {
    const { client, projectId } = await startTestSandbox();
    await abandonDelayedList(client, projectId);
    await client.put('/__sandbox/faults', { latencyMs: 0, failNext: { status: 503 } });
    // The abandoned request wakes up meanwhile, and must not take the failure.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await client.get(LIST, { projectId, environment: 'dev' })).status).toBe(503);
  });

  it('clears every fault with DELETE /__sandbox/faults', async () => {
    const { client } = await startTestSandbox();
    await client.put('/__sandbox/faults', {
      latencyMs: 10,
      failNext: { status: 500, count: 5 },
      dropNext: { count: 5 },
    });
    const cleared = await client.delete('/__sandbox/faults');
    expect(cleared.body).toEqual({ latencyMs: 0, failNext: null, dropNext: null });
    expect((await client.get('/api/v1/projects')).status).toBe(200);
  });

  it('validates the fault settings', async () => {
    const { client } = await startTestSandbox();
    const response = await client.put('/__sandbox/faults', {
      latencyMs: -1,
      failNext: { status: 200 },
      dropNext: { when: 'later' },
    });
    expect(response.status).toBe(422);
    expect(response.body.message.map((issue: { path: unknown[] }) => issue.path)).toEqual([
      ['latencyMs'],
      ['failNext', 'status'],
      ['dropNext', 'when'],
    ]);
  });

  it('applies the latency option from the start', async () => {
    const { sandbox } = await startTestSandbox({ latencyMs: 25 });
    expect(sandbox.faults.snapshot().latencyMs).toBe(25);
  });
});

describe('state dump', () => {
  it('shows projects, environments, folders, secrets and members', async () => {
    const { sandbox, client } = await startTestSandbox();
    const response = await client.get('/__sandbox/state');
    expect(response.status).toBe(200);
    const [project] = response.body.projects;
    expect(project).toMatchObject({
      id: sandbox.demo.projectId,
      name: 'Demo Project',
      slug: 'demo-project',
      type: 'secret-manager',
      members: [{ kind: 'identity', identityId: sandbox.demo.identityId, roles: ['admin'] }],
    });
    const dev = project.environments[0];
    expect(dev).toMatchObject({ slug: 'dev', name: 'Development', position: 1 });
    expect(dev.folders).toEqual(['/', '/backend']);
    expect(dev.secrets).toContainEqual({
      path: '/',
      key: 'DB_DSN',
      value: '${DATABASE_URL}',
      comment: 'Reference to DATABASE_URL',
      version: 1,
      tags: [],
    });
    expect(dev.secrets).toContainEqual(
      expect.objectContaining({ path: '/backend', key: 'REDIS_URL' }),
    );
  });
});
