import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSharedSecret } from '../src/infisical/api/secret-sharing-api.js';
import { createInfisicalClient } from '../src/infisical/create-infisical-client.js';

/** A stand-in Infisical that serves secret sharing under one path only, and records the calls. */
async function infisicalServing(path: string) {
  const calls: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    calls.push(`${request.method} ${request.url}`);
    response.setHeader('content-type', 'application/json');
    if (request.method === 'POST' && request.url === path) {
      response.end(JSON.stringify({ id: 'share-1', accessType: 'organization' }));
      return;
    }
    // Fastify's answer for a route it does not serve, as Infisical sends it.
    response.statusCode = 404;
    response.end(
      JSON.stringify({ statusCode: 404, error: 'Not Found', message: `Route not found` }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = createInfisicalClient({
    hostUrl: `http://127.0.0.1:${port}`,
    auth: { method: 'access-token', accessToken: 'test-token' },
  });
  return { calls, client, close: () => new Promise((resolve) => server.close(resolve)) };
}

const params = { secretValue: 'v', expiresIn: '1h', accessType: 'organization' } as const;
let close: (() => Promise<unknown>) | undefined;
afterEach(async () => close?.());

describe('createSharedSecret', () => {
  it('uses /api/v1/secret-sharing, the route current Infisical serves', async () => {
    const fake = await infisicalServing('/api/v1/secret-sharing');
    close = fake.close;
    await expect(createSharedSecret(fake.client, params)).resolves.toMatchObject({ id: 'share-1' });
    expect(fake.calls).toEqual(['POST /api/v1/secret-sharing']);
  });

  it('falls back to /api/v1/secret-sharing/shared on the 2025 versions that served only it', async () => {
    const fake = await infisicalServing('/api/v1/secret-sharing/shared');
    close = fake.close;
    await expect(createSharedSecret(fake.client, params)).resolves.toMatchObject({ id: 'share-1' });
    expect(fake.calls).toEqual([
      'POST /api/v1/secret-sharing',
      'POST /api/v1/secret-sharing/shared',
    ]);
  });
});
