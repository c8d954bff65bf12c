import { describe, expect, it } from 'vitest';
import { expectedError, manualClock, SandboxClient, startTestSandbox } from './helpers.js';

const LOGIN = '/api/v1/auth/universal-auth/login';
const RENEW = '/api/v1/auth/token/renew';
const REVOKE = '/api/v1/auth/token/revoke';
const EXPIRED = 'Your token has expired. Please re-authenticate.';

describe('universal auth login', () => {
  it('returns a bearer token with its lifetimes', async () => {
    const { sandbox } = await startTestSandbox({ accessTokenTTL: 600, accessTokenMaxTTL: 7200 });
    const client = new SandboxClient(sandbox.url);
    const response = await client.post(LOGIN, {
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 600,
      accessTokenMaxTTL: 7200,
      tokenType: 'Bearer',
    });
  });

  it('rejects a wrong secret or unknown client id with 401 Invalid credentials', async () => {
    const { sandbox, client } = await startTestSandbox();
    for (const body of [
      { clientId: sandbox.demo.clientId, clientSecret: 'wrong' },
      { clientId: 'unknown', clientSecret: sandbox.demo.clientSecret },
    ]) {
      const response = await client.post(LOGIN, body);
      expect(response.status).toBe(401);
      expect(response.body).toEqual(expectedError(401, 'UnauthorizedError', 'Invalid credentials'));
    }
  });

  it('answers 422 with zod-style issues when a field is missing', async () => {
    const { client } = await startTestSandbox();
    const response = await client.post(LOGIN, { clientId: 'x' });
    expect(response.status).toBe(422);
    expect(response.body).toEqual(
      expectedError(422, 'ValidationFailure', [
        {
          code: 'invalid_type',
          expected: 'string',
          received: 'undefined',
          path: ['clientSecret'],
          message: 'Required',
        },
      ]),
    );
  });
});

describe('authenticating API requests', () => {
  it('answers 401 Token missing without an Authorization header', async () => {
    const { client } = await startTestSandbox();
    const response = await client.get('/api/v1/projects', undefined, null);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(expectedError(401, 'UnauthorizedError', 'Token missing'));
  });

  it('answers 403 TokenError for a token it never issued', async () => {
    const { client } = await startTestSandbox();
    const response = await client.get('/api/v1/projects', undefined, 'not-a-token');
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('TokenError');
  });

  it('answers 403 TokenError once the token has expired', async () => {
    const clock = manualClock();
    const { client } = await startTestSandbox({ now: clock.now, accessTokenTTL: 60 });
    expect((await client.get('/api/v1/projects')).status).toBe(200);
    clock.advanceSeconds(60);
    const response = await client.get('/api/v1/projects');
    expect(response.status).toBe(403);
    expect(response.body).toEqual(expectedError(403, 'TokenError', EXPIRED));
  });
});

describe('token renewal', () => {
  it('extends a live token by the TTL', async () => {
    const clock = manualClock();
    const { client } = await startTestSandbox({ now: clock.now, accessTokenTTL: 60 });
    clock.advanceSeconds(50);
    const renewed = await client.post(RENEW, { accessToken: client.token }, null);
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ accessToken: client.token, expiresIn: 60 });
    clock.advanceSeconds(50);
    expect((await client.get('/api/v1/projects')).status).toBe(200);
  });

  it('never extends past the max TTL, then refuses with 401', async () => {
    const clock = manualClock();
    const { client } = await startTestSandbox({
      now: clock.now,
      accessTokenTTL: 60,
      accessTokenMaxTTL: 100,
    });
    clock.advanceSeconds(50);
    const renewed = await client.post(RENEW, { accessToken: client.token });
    expect(renewed.body.expiresIn).toBe(50);
    clock.advanceSeconds(50);
    expect((await client.get('/api/v1/projects')).status).toBe(403);
    const refused = await client.post(RENEW, { accessToken: client.token });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(
      expectedError(
        401,
        'UnauthorizedError',
        'Cannot renew: identity access token has reached its max TTL',
      ),
    );
  });

  it('refuses an expired token with 403 TokenError', async () => {
    const clock = manualClock();
    const { client } = await startTestSandbox({ now: clock.now, accessTokenTTL: 60 });
    clock.advanceSeconds(61);
    const response = await client.post(RENEW, { accessToken: client.token });
    expect(response.status).toBe(403);
    expect(response.body).toEqual(expectedError(403, 'TokenError', EXPIRED));
  });

  it('reports expiresIn capped by the max TTL at login', async () => {
    const { sandbox } = await startTestSandbox({ accessTokenTTL: 600, accessTokenMaxTTL: 300 });
    const client = new SandboxClient(sandbox.url);
    const response = await client.post(LOGIN, {
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    });
    expect(response.body).toMatchObject({ expiresIn: 300, accessTokenMaxTTL: 300 });
  });
});

describe('token revocation', () => {
  it('revokes a token; later use gets 401 and renewal is refused', async () => {
    const { client } = await startTestSandbox();
    const revoked = await client.post(REVOKE, { accessToken: client.token }, null);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ message: 'Successfully revoked access token' });

    const use = await client.get('/api/v1/projects');
    expect(use.status).toBe(401);
    expect(use.body).toEqual(
      expectedError(401, 'UnauthorizedError', 'Failed to authorize: token has been revoked'),
    );
    const renew = await client.post(RENEW, { accessToken: client.token });
    expect(renew.status).toBe(401);
    expect(renew.body.message).toBe('Cannot renew: token has been revoked');
  });
});

describe('token test hooks', () => {
  it('POST /__sandbox/tokens/expire expires every issued token', async () => {
    const { sandbox, client } = await startTestSandbox();
    const other = new SandboxClient(sandbox.url);
    await other.login(sandbox.demo.clientId, sandbox.demo.clientSecret);

    const hook = await client.post('/__sandbox/tokens/expire');
    expect(hook.body).toEqual({ expired: 2 });
    for (const each of [client, other]) {
      const response = await each.get('/api/v1/projects');
      expect(response.status).toBe(403);
      expect(response.body.error).toBe('TokenError');
    }
    const renew = await client.post(RENEW, { accessToken: client.token });
    expect(renew.status).toBe(403);
    expect(renew.body).toEqual(expectedError(403, 'TokenError', EXPIRED));

    await client.login(sandbox.demo.clientId, sandbox.demo.clientSecret);
    expect((await client.get('/api/v1/projects')).status).toBe(200);
  });

  it('POST /__sandbox/tokens/revoke-all revokes every issued token', async () => {
    const { client } = await startTestSandbox();
    expect((await client.post('/__sandbox/tokens/revoke-all')).body).toEqual({ revoked: 1 });
    const response = await client.get('/api/v1/projects');
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('Failed to authorize: token has been revoked');
  });

  it('the programmatic state can expire tokens too', async () => {
    const { sandbox, client } = await startTestSandbox();
    sandbox.state.expireAllAccessTokens();
    expect((await client.get('/api/v1/projects')).status).toBe(403);
  });
});
