import {
  TOKEN_EXPIRED_MESSAGE,
  TOKEN_MALFORMED_MESSAGE,
  tokenError,
  unauthorized,
} from '../errors/infisical-errors.js';
import type { AccessToken, MachineIdentity } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';

/** The body of a login or renew response. */
export interface AccessTokenGrant {
  accessToken: string;
  expiresIn: number;
  accessTokenMaxTTL: number;
  tokenType: 'Bearer';
}

/** Universal auth: exchanges a client id and secret for an access token. */
export function loginWithUniversalAuth(
  state: SandboxState,
  clientId: string,
  clientSecret: string,
): AccessTokenGrant {
  const identity = state.findIdentityByClientId(clientId);
  if (!identity || identity.clientSecret !== clientSecret) {
    throw unauthorized('Invalid credentials');
  }
  return grantFor(state, state.issueAccessToken(identity.id));
}

/**
 * Extends a live token by the TTL, never past its max TTL. The token string stays the same,
 * as in Infisical before its JWT redesign; clients read `accessToken` from the answer anyway.
 */
export function renewAccessToken(state: SandboxState, token: string): AccessTokenGrant {
  const accessToken = findIssuedToken(state, token);
  if (accessToken.revoked) throw unauthorized('Cannot renew: token has been revoked');
  const now = state.clock();
  // Checked before plain expiry so a client learns that only a new login helps, as Infisical's
  // renew endpoint reports the max TTL explicitly.
  if (now >= accessToken.maxExpiresAt) {
    throw unauthorized('Cannot renew: identity access token has reached its max TTL');
  }
  if (now >= accessToken.expiresAt) throw tokenError(TOKEN_EXPIRED_MESSAGE);
  accessToken.expiresAt = Math.min(
    now + state.tokenPolicy.accessTokenTTL * 1000,
    accessToken.maxExpiresAt,
  );
  return grantFor(state, accessToken);
}

export function revokeAccessToken(state: SandboxState, token: string): void {
  const accessToken = findIssuedToken(state, token);
  if (accessToken.revoked) throw unauthorized('Failed to authorize: token has been revoked');
  if (state.clock() >= accessToken.expiresAt) throw tokenError(TOKEN_EXPIRED_MESSAGE);
  accessToken.revoked = true;
}

/** Resolves the identity behind an `Authorization` header, with Infisical's error for each failure. */
export function authenticateBearer(
  state: SandboxState,
  authorization: string | undefined,
): MachineIdentity {
  // Infisical takes everything after the 7-character "Bearer " prefix without checking it.
  const token = authorization?.slice(7).trim();
  if (!token) throw unauthorized('Token missing');
  const accessToken = findIssuedToken(state, token);
  if (accessToken.revoked) throw unauthorized('Failed to authorize: token has been revoked');
  if (state.clock() >= accessToken.expiresAt) throw tokenError(TOKEN_EXPIRED_MESSAGE);
  const identity = state.getIdentity(accessToken.identityId);
  if (!identity) throw unauthorized();
  return identity;
}

/** An unknown string is what Infisical calls a malformed token. */
function findIssuedToken(state: SandboxState, token: string): AccessToken {
  const accessToken = state.findAccessToken(token.trim());
  if (!accessToken) throw tokenError(TOKEN_MALFORMED_MESSAGE);
  return accessToken;
}

function grantFor(state: SandboxState, accessToken: AccessToken): AccessTokenGrant {
  return {
    accessToken: accessToken.token,
    expiresIn: Math.max(0, Math.round((accessToken.expiresAt - state.clock()) / 1000)),
    accessTokenMaxTTL: state.tokenPolicy.accessTokenMaxTTL,
    tokenType: 'Bearer',
  };
}
