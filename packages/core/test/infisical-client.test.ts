import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfisicalClient } from '../src/infisical/create-infisical-client.js';
import { InfisicalApiError } from '../src/infisical/infisical-api-error.js';
import type { RetryOptions } from '../src/infisical/retry-policy.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

function client(timeoutMs?: number, retry?: RetryOptions) {
  return createInfisicalClient({
    hostUrl: sandbox.url,
    timeoutMs,
    retry,
    auth: {
      method: 'universal-auth',
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<InfisicalApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InfisicalApiError);
    return error as InfisicalApiError;
  }
  throw new Error('expected the request to fail');
}

async function setFaults(faults: unknown) {
  await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
}

describe('InfisicalClient failures', () => {
  it('maps a 404 with status, error name, message and request id', async () => {
    const error = await failureOf(
      client().request({
        method: 'GET',
        path: '/api/v4/secrets/NOPE',
        query: { projectId: sandbox.demo.projectId, environment: 'dev' },
      }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 404, error: 'NotFound', method: 'GET' });
    expect(error.reqId).toMatch(/^req-/);
    expect(error.message).toMatch(/^Infisical GET \/api\/v4\/secrets\/NOPE failed with 404: /);
  });

  it('renders a 422 issue list readably', async () => {
    const error = await failureOf(
      client().request({
        method: 'POST',
        path: '/api/v4/secrets/X',
        body: { projectId: sandbox.demo.projectId },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.error).toBe('ValidationFailure');
    expect(error.message).toMatch(/environment: /);
    expect(error.message).not.toContain('[{');
  });

  it('never puts a secret value or token in the message', async () => {
    const c = client();
    const error = await failureOf(
      c.request({
        method: 'POST',
        path: '/api/v4/secrets/API_KEY',
        body: {
          projectId: sandbox.demo.projectId,
          environment: 'dev',
          secretValue: 'super-secret-value',
        },
      }),
    );
    const token = await c.tokens.getToken();
    expect(JSON.stringify(error)).not.toContain('super-secret-value');
    expect(JSON.stringify(error)).not.toContain(token);
    expect(error.message).not.toContain('super-secret-value');
  });

  it('retries once with a fresh token when Infisical rejects the token', async () => {
    const c = client();
    await c.request({ method: 'GET', path: '/api/v1/projects' });
    await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
    const result = await c.request<{ projects: unknown[] }>({
      method: 'GET',
      path: '/api/v1/projects',
    });
    expect(result.projects.length).toBeGreaterThan(0);
  });

  it('times out', async () => {
    await setFaults({ latencyMs: 500 });
    try {
      const error = await failureOf(
        client(100).request({ method: 'GET', path: '/api/v1/projects' }),
      );
      expect(error).toMatchObject({ kind: 'timeout', status: 0 });
      expect(error.message).toMatch(/timed out after 100 ms/);
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  });

  it('stops when the caller aborts', async () => {
    const c = client();
    await c.tokens.getToken();
    await setFaults({ latencyMs: 2000 });
    try {
      const controller = new AbortController();
      const pending = c.request({
        method: 'GET',
        path: '/api/v1/projects',
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = await failureOf(pending);
      expect(error.kind).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    }
  });

  it('reports a dropped connection and an unreachable host as network failures', async () => {
    const c = client(undefined, { maxAttempts: 1 });
    await c.tokens.getToken();
    await setFaults({ dropNext: { count: 1 } });
    const dropped = await failureOf(c.request({ method: 'GET', path: '/api/v1/projects' }));
    expect(dropped.kind).toBe('network');

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = createInfisicalClient({
      hostUrl: `http://127.0.0.1:${port}`,
      retry: { maxAttempts: 1 },
      auth: { method: 'access-token', accessToken: 't' },
    });
    const error = await failureOf(unreachable.request({ method: 'GET', path: '/api/v1/projects' }));
    expect(error).toMatchObject({ kind: 'network', status: 0 });
    expect(error.message).toMatch(/could not be reached: ECONNREFUSED/);
  });

  it('reports a non-JSON answer clearly', async () => {
    const html = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = html.address() as AddressInfo;
      const c = createInfisicalClient({
        hostUrl: `http://127.0.0.1:${port}`,
        retry: { maxAttempts: 1 },
        auth: { method: 'access-token', accessToken: 't' },
      });
      const error = await failureOf(c.request({ method: 'GET', path: '/api/v1/projects' }));
      expect(error).toMatchObject({ kind: 'http', status: 502 });
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });
});
