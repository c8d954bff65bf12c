import type { InfisicalHttp } from '../infisical/infisical-http.js';

export interface UniversalAuthCredentials {
  clientId: string;
  clientSecret: string;
}

/** What Infisical returns for a universal-auth login or a token renewal. */
export interface AccessTokenGrant {
  accessToken: string;
  /** Seconds until this token expires. */
  expiresIn: number;
  /** Seconds from the login after which the token can no longer be renewed (0: no limit). */
  accessTokenMaxTTL: number;
  tokenType: string;
}

export function loginWithUniversalAuth(
  http: InfisicalHttp,
  credentials: UniversalAuthCredentials,
  signal?: AbortSignal,
): Promise<AccessTokenGrant> {
  return http.send<AccessTokenGrant>({
    method: 'POST',
    path: '/api/v1/auth/universal-auth/login',
    operation: 'auth.login',
    // A second login only issues another token, so a lost answer may be retried.
    idempotent: true,
    body: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
    signal,
  });
}

export function renewAccessToken(
  http: InfisicalHttp,
  accessToken: string,
  signal?: AbortSignal,
): Promise<AccessTokenGrant> {
  return http.send<AccessTokenGrant>({
    method: 'POST',
    path: '/api/v1/auth/token/renew',
    operation: 'auth.renew',
    idempotent: true,
    body: { accessToken },
    signal,
  });
}

/** Ends a token before its TTL does: a token nobody will use again should not stay valid. */
export async function revokeAccessToken(
  http: InfisicalHttp,
  accessToken: string,
  signal?: AbortSignal,
): Promise<void> {
  await http.send({
    method: 'POST',
    path: '/api/v1/auth/token/revoke',
    operation: 'auth.revoke',
    // Revoking twice leaves it revoked once.
    idempotent: true,
    body: { accessToken },
    signal,
  });
}
