import type { FastifyInstance } from 'fastify';
import {
  loginWithUniversalAuth,
  renewAccessToken,
  revokeAccessToken,
} from '../auth/access-tokens.js';
import {
  ACCESS_TOKEN_RESPONSE,
  REVOKED_TOKEN_RESPONSE,
} from '../responses/auth-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readPart } from '../validation/input-reader.js';

/**
 * Universal-auth login and token lifecycle. These routes are public: the body carries the secret.
 * Mirrors backend/src/server/routes/v1/identity-universal-auth-router.ts (login) and
 * backend/src/server/routes/v1/identity-access-token-router.ts (renew, revoke).
 */
export function registerAuthRoutes(app: FastifyInstance, state: SandboxState): void {
  const grant = { schema: { response: ACCESS_TOKEN_RESPONSE } };
  app.post('/api/v1/auth/universal-auth/login', grant, async (request) => {
    const body = readPart(request.body, (input) => ({
      clientId: input.string('clientId'),
      clientSecret: input.string('clientSecret'),
      subOrganizationName: input.optionalString('subOrganizationName'),
    }));
    return loginWithUniversalAuth(state, body.clientId, body.clientSecret);
  });

  app.post('/api/v1/auth/token/renew', grant, async (request) => {
    const body = readPart(request.body, (input) => ({ accessToken: input.string('accessToken') }));
    return renewAccessToken(state, body.accessToken);
  });

  const revocation = { schema: { response: REVOKED_TOKEN_RESPONSE } };
  app.post('/api/v1/auth/token/revoke', revocation, async (request) => {
    const body = readPart(request.body, (input) => ({ accessToken: input.string('accessToken') }));
    revokeAccessToken(state, body.accessToken);
    return { message: 'Successfully revoked access token' };
  });
}
