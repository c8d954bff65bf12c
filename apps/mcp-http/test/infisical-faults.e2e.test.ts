import { connect as connectTcp, createServer, type Server } from 'node:net';
import { startSandbox } from '@infisical/mcp-sandbox';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxEnvironment } from './support/server-against-sandbox.js';
import { type SpawnedHttpServer, spawnHttpServer } from './support/spawn-http-server.js';

// Infisical misbehaves (through the sandbox's fault hooks) while the BUILT server serves an SDK
// client: each fault must end in a transparent recovery or a clear tool error, in bounded time,
// and a write must be applied at most once.

const REQUEST_TIMEOUT_MS = 1_500;
const GET_SECRET = 'GET /api/v4/secrets/:secretName';
const CREATE_SECRET = 'POST /api/v4/secrets/:secretName';
const LOGIN = 'POST /api/v1/auth/universal-auth/login';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let admin: SandboxAdminClient;
let server: SpawnedHttpServer;
let client: Client;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  admin = new SandboxAdminClient(sandbox.url);
  server = await spawnHttpServer({
    ...sandboxEnvironment(sandbox),
    INFISICAL_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  });
  client = await connect(server.baseUrl);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await sandbox?.close();
});

beforeEach(async () => {
  await admin.clearFaults();
  await admin.resetStats();
});

async function connect(baseUrl: string): Promise<Client> {
  const sdk = new Client({ name: 'infisical-faults', version: '1.0.0' });
  await sdk.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`)));
  return sdk;
}

interface Outcome {
  isError: boolean;
  text: string;
  structured?: Record<string, unknown>;
  ms: number;
}

async function call(name: string, args: Record<string, unknown>, sdk = client): Promise<Outcome> {
  const started = performance.now();
  const result = (await sdk.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { text?: string }[];
    structuredContent?: Record<string, unknown>;
  };
  return {
    isError: result.isError === true,
    text: result.content.map((part) => part.text ?? '').join('\n'),
    structured: result.structuredContent,
    ms: performance.now() - started,
  };
}

const dev = () => ({ projectId: sandbox.demo.projectId, environmentSlug: 'dev' });
const getApiKey = () => call('get-secret', { ...dev(), secretName: 'API_KEY' });
const requests = async (route: string) => (await admin.stats()).requests[route] ?? 0;

async function storedSecret(key: string) {
  return (await admin.secrets(sandbox.demo.projectId, 'dev')).find((secret) => secret.key === key);
}

describe('Infisical is slow', () => {
  it('rides out a latency spike shorter than the timeout', async () => {
    await admin.setFaults({ latencyMs: 400 });
    const outcome = await getApiKey();
    expect(outcome.isError).toBe(false);
    expect(outcome.ms).toBeGreaterThanOrEqual(390);
  });

  it('gives a clear timeout error, not a hang, when Infisical does not answer in time', async () => {
    await admin.setFaults({ latencyMs: 5_000 });
    const outcome = await getApiKey();
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/timed out after 1500 ms/);
    expect(outcome.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);
  });
});

describe('Infisical rate-limits and fails', () => {
  it('waits out a 429 with Retry-After on a read and succeeds', async () => {
    await admin.setFaults({ failNext: { status: 429, retryAfterSeconds: 1, route: GET_SECRET } });
    const outcome = await getApiKey();
    expect(outcome.isError).toBe(false);
    expect(outcome.ms).toBeGreaterThanOrEqual(990);
    expect(await requests(GET_SECRET)).toBe(2);
  });

  it('retries a read through 5xx answers and a dropped connection', async () => {
    await admin.setFaults({
      failNext: { status: 503, count: 1, route: GET_SECRET },
      dropNext: { count: 1, route: 'GET /api/v4/secrets' },
    });
    expect((await getApiKey()).isError).toBe(false);
    expect((await call('list-secrets', dev())).isError).toBe(false);
    expect(await requests(GET_SECRET)).toBe(2);
    expect(await requests('GET /api/v4/secrets')).toBe(2);
  });

  it('says so clearly when a read keeps failing', async () => {
    await admin.setFaults({ failNext: { status: 502, count: 10, route: GET_SECRET } });
    const outcome = await getApiKey();
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/failed with 502.*after 3 attempts/);
    expect(await requests(GET_SECRET)).toBe(3);
  });

  it('never retries a write after a 429, a 500 or a lost answer: one request, one application', async () => {
    const create = (secretName: string) =>
      call('create-secret', { ...dev(), secretName, secretValue: `value-of-${secretName}` });

    await admin.setFaults({
      failNext: { status: 429, retryAfterSeconds: 1, route: CREATE_SECRET },
    });
    const limited = await create('FAULT_429');
    expect(limited.isError).toBe(true);
    expect(limited.text).toMatch(/rate limiting: retry after 1 seconds/);

    await admin.setFaults({ failNext: { status: 500, route: CREATE_SECRET } });
    const failed = await create('FAULT_500');
    expect(failed.isError).toBe(true);
    expect(failed.text).toMatch(/failed with 500/);

    // Applied by Infisical, answer lost on the way back: the worst case for a blind retry.
    await admin.setFaults({ dropNext: { route: CREATE_SECRET, when: 'after' } });
    const lost = await create('FAULT_LOST');
    expect(lost.isError).toBe(true);
    expect(lost.text).toMatch(/may or may not have been applied/);

    expect(await requests(CREATE_SECRET)).toBe(3);
    expect(await storedSecret('FAULT_429')).toBeUndefined();
    expect(await storedSecret('FAULT_500')).toBeUndefined();
    expect(await storedSecret('FAULT_LOST')).toMatchObject({
      value: 'value-of-FAULT_LOST',
      version: 1,
    });
  });
});

describe('tokens are revoked mid-session', () => {
  it('logs in again and finishes the call, for reads and writes alike', async () => {
    expect((await getApiKey()).isError).toBe(false);
    await fetch(`${sandbox.url}/__sandbox/tokens/revoke-all`, { method: 'POST' });
    await admin.resetStats();
    expect((await getApiKey()).isError).toBe(false);
    await fetch(`${sandbox.url}/__sandbox/tokens/revoke-all`, { method: 'POST' });
    const written = await call('create-secret', {
      ...dev(),
      secretName: 'AFTER_REVOKE',
      secretValue: 'v1',
    });
    expect(written.isError).toBe(false);
    expect(await requests(LOGIN)).toBe(2);
    // The refused attempt was turned away before it ran: still exactly one application.
    expect(await storedSecret('AFTER_REVOKE')).toMatchObject({ value: 'v1', version: 1 });
  });
});

describe('Infisical is down when the server starts', () => {
  it('starts, reports not ready, fails calls clearly, and recovers when Infisical is back', async () => {
    const port = await freePort();
    const down = await spawnHttpServer({
      ...sandboxEnvironment(sandbox),
      INFISICAL_HOST_URL: `http://127.0.0.1:${port}`,
      INFISICAL_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
    let comeBack: Server | undefined;
    let sdk: Client | undefined;
    try {
      expect((await fetch(`${down.baseUrl}/health`)).status).toBe(200);
      const notReady = await fetch(`${down.baseUrl}/ready`);
      expect(notReady.status).toBe(503);
      expect(await notReady.text()).toMatch(/ECONNREFUSED/);

      sdk = await connect(down.baseUrl);
      const refused = await call('get-secret', { ...dev(), secretName: 'API_KEY' }, sdk);
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/could not be reached: ECONNREFUSED/);
      expect(refused.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);

      // Infisical appears on the address the server was told about.
      comeBack = await forward(port, Number(new URL(sandbox.url).port));
      await expect
        .poll(async () => (await fetch(`${down.baseUrl}/ready`)).status, {
          timeout: 8_000,
          interval: 250,
        })
        .toBe(200);
      const recovered = await call('get-secret', { ...dev(), secretName: 'API_KEY' }, sdk);
      expect(recovered.isError).toBe(false);
      expect(recovered.structured).toMatchObject({ secret: { secretKey: 'API_KEY' } });
    } finally {
      await sdk?.close();
      await down.stop();
      await new Promise((resolve) => (comeBack ? comeBack.close(resolve) : resolve(undefined)));
    }
  });
});

/** Forwards every connection to `port` on to `targetPort`, as a network path coming back. */
async function forward(port: number, targetPort: number): Promise<Server> {
  const sockets = new Set<import('node:net').Socket>();
  const relay = createServer((incoming) => {
    const outgoing = connectTcp(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  const close = relay.close.bind(relay);
  relay.close = (callback) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  };
  return relay;
}

/** A port nothing listens on (yet): bound by the OS, then released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
