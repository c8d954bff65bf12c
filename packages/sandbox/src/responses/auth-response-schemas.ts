import { number, string } from './schema-primitives.js';

/**
 * `POST /api/v1/auth/universal-auth/login` (backend/src/server/routes/v1/identity-universal-auth-router.ts)
 * and `POST /api/v1/auth/token/renew` (identity-access-token-router.ts) answer the same object:
 * the token, its TTL and max TTL in seconds, and `tokenType: "Bearer"`.
 */
export const ACCESS_TOKEN_RESPONSE = {
  200: {
    type: 'object',
    properties: {
      accessToken: string,
      expiresIn: number,
      accessTokenMaxTTL: number,
      tokenType: { type: 'string', enum: ['Bearer'] },
    },
    required: ['accessToken', 'expiresIn', 'accessTokenMaxTTL', 'tokenType'],
  },
} as const;

/** `POST /api/v1/auth/token/revoke` answers only a message. */
export const REVOKED_TOKEN_RESPONSE = {
  200: { type: 'object', properties: { message: string }, required: ['message'] },
} as const;
