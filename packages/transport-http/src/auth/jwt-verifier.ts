import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { OAUTH_SCOPES } from './client-auth-options.js';
import type { ClientPrincipal } from './client-principal.js';

export type JwtCheck =
  | { ok: true; principal: ClientPrincipal }
  | { ok: false; error: 'invalid_token' | 'insufficient_scope'; description: string };

/**
 * Validates OAuth access tokens issued by an external authorization server (the MCP
 * authorization spec's resource server role): signature from the issuer's JWKS, issuer,
 * audience and expiry; scopes map to read/write access and toolsets.
 *
 * `exp` and `sub` are required, not just checked when present: a token without an expiry
 * would be good forever once leaked, and the subject is the principal that owns sessions and
 * limits, so tokens without one would all be the same client and share each other's sessions.
 */
export class JwtVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly issuer: string,
    private readonly audience: string,
    jwksUrl: string,
  ) {
    this.keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5_000 });
  }

  async verify(token: string): Promise<JwtCheck> {
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      return { ok: false, error: 'invalid_token', description: describeJoseError(error) };
    }
    if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
      return { ok: false, error: 'invalid_token', description: 'the token has no "sub" claim' };
    }
    const scopes = scopesOf(payload);
    const canWrite = scopes.includes(OAUTH_SCOPES.write);
    if (!canWrite && !scopes.includes(OAUTH_SCOPES.read)) {
      return {
        ok: false,
        error: 'insufficient_scope',
        description: `the token needs scope ${OAUTH_SCOPES.read} or ${OAUTH_SCOPES.write}`,
      };
    }
    const toolsets = scopes
      .filter((scope) => scope.startsWith(OAUTH_SCOPES.toolsetPrefix))
      .map((scope) => scope.slice(OAUTH_SCOPES.toolsetPrefix.length));
    return {
      ok: true,
      principal: {
        kind: 'oauth',
        id: payload.sub,
        readOnly: !canWrite,
        toolsets: toolsets.length ? toolsets : undefined,
        scopes,
      },
    };
  }
}

function scopesOf(payload: Record<string, unknown>): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp))
    return payload.scp.filter((s): s is string => typeof s === 'string');
  return [];
}

/** jose's messages name the failed claim; none of them contains the token. */
function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing')
    return `the token has no "${error.claim}" claim`;
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim "${error.claim}" is not valid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature is not valid';
  if (error instanceof errors.JOSEError) return error.code.toLowerCase().replaceAll('_', ' ');
  return 'the token could not be verified';
}
