import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { type ClientAuthOptions, OAUTH_SCOPES } from './client-auth-options.js';
import { ANONYMOUS, type ClientPrincipal } from './client-principal.js';
import { JwtVerifier } from './jwt-verifier.js';

export type AuthOutcome =
  | { ok: true; principal: ClientPrincipal; authInfo?: AuthInfo }
  | { ok: false; status: 401 | 403; wwwAuthenticate: string; message: string };

/** Subprotocol entries `bearer.<token>` carry a token for WebSocket clients that cannot set headers. */
const WEBSOCKET_TOKEN_PREFIX = 'bearer.';

export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';

/**
 * Establishes the caller of each request from the `Authorization: Bearer` header (or, for a
 * WebSocket upgrade, a `bearer.<token>` subprotocol entry). Never from the query string, which
 * ends up in access logs.
 */
export class ClientAuthenticator {
  private readonly apiKeys?: ApiKeyVerifier;
  private readonly jwt?: JwtVerifier;

  constructor(readonly options: ClientAuthOptions) {
    if (options.mode === 'api-key') this.apiKeys = new ApiKeyVerifier(options.keys);
    if (options.mode === 'oauth') {
      this.jwt = new JwtVerifier(options.issuer, options.audience, options.jwksUrl);
    }
  }

  async authenticate(request: FastifyRequest, baseUrl: string): Promise<AuthOutcome> {
    if (this.options.mode === 'none') return { ok: true, principal: ANONYMOUS };
    const token = presentedToken(request);
    if (!token) return this.refuse(401, baseUrl, undefined, 'Authentication required');

    if (this.apiKeys) {
      const principal = this.apiKeys.verify(token);
      return principal
        ? { ok: true, principal, authInfo: authInfoOf(principal, token) }
        : this.refuse(401, baseUrl, 'invalid_token', 'The API key is not valid');
    }
    const check = await (this.jwt as JwtVerifier).verify(token);
    if (check.ok)
      return { ok: true, principal: check.principal, authInfo: authInfoOf(check.principal, token) };
    return check.error === 'insufficient_scope'
      ? this.refuse(403, baseUrl, 'insufficient_scope', check.description)
      : this.refuse(
          401,
          baseUrl,
          'invalid_token',
          `The access token is not valid: ${check.description}`,
        );
  }

  /** RFC 6750 challenge; in OAuth mode it points to the protected resource metadata (RFC 9728). */
  private refuse(
    status: 401 | 403,
    baseUrl: string,
    error: 'invalid_token' | 'insufficient_scope' | undefined,
    message: string,
  ): AuthOutcome {
    const parts =
      this.options.mode === 'oauth'
        ? [`resource_metadata="${baseUrl}${PROTECTED_RESOURCE_PATH}"`]
        : ['realm="infisical-mcp"'];
    if (error)
      parts.push(`error="${error}"`, `error_description="${message.replaceAll('"', "'")}"`);
    if (error === 'insufficient_scope')
      parts.push(`scope="${OAUTH_SCOPES.read} ${OAUTH_SCOPES.write}"`);
    return { ok: false, status, wwwAuthenticate: `Bearer ${parts.join(', ')}`, message };
  }
}

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  const protocols = request.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    const entry = protocols
      .split(',')
      .map((protocol) => protocol.trim())
      .find((protocol) => protocol.startsWith(WEBSOCKET_TOKEN_PREFIX));
    return entry?.slice(WEBSOCKET_TOKEN_PREFIX.length) || undefined;
  }
  return undefined;
}

/** What the MCP SDK hands to handlers as `extra.authInfo`. */
function authInfoOf(principal: ClientPrincipal, token: string): AuthInfo {
  return {
    token,
    clientId: principal.id,
    scopes: principal.scopes,
    extra: { readOnly: principal.readOnly, toolsets: principal.toolsets },
  };
}
