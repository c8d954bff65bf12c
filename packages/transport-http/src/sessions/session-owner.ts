import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/register-client-auth.js';
import type { HttpContext } from '../http-context.js';
import { JsonRpcCode, refuseForeignSession, sendJsonRpcError } from '../json-rpc-errors.js';

/**
 * Who a session belongs to: the client that opened it, acting as the Infisical identity it
 * brought in `X-Infisical-*` headers (a one-way fingerprint, never the credential).
 */
export interface SessionOwner {
  principalId: string;
  /** Absent when the session acts as the server's own identity. */
  identityReference?: string;
}

export function ownerOf(request: FastifyRequest, context: HttpContext): SessionOwner {
  return {
    principalId: principalOf(request).id,
    identityReference: context.options.identityReference?.(request.headers),
  };
}

/**
 * Whether the request may use a session of `owner`; when not, the refusal is sent. Asked of
 * every request, held or restored alike: the server was built for the opener's identity, so a
 * request that does not bring the same credentials would otherwise act as that identity.
 */
export function admitOwner(
  owner: SessionOwner,
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
): boolean {
  const caller = ownerOf(request, context);
  if (caller.principalId !== owner.principalId) {
    refuseForeignSession(reply);
    return false;
  }
  if (caller.identityReference !== owner.identityReference) {
    sendJsonRpcError(
      reply,
      403,
      JsonRpcCode.ServerError,
      owner.identityReference
        ? 'This session acts as another Infisical identity: send the same X-Infisical-* headers on every request of a session'
        : "This session acts as the server's Infisical identity: open a new session to act as your own (X-Infisical-* headers go on every request of a session, from initialize on)",
    );
    return false;
  }
  return true;
}
