import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/register-client-auth.js';

/**
 * Who a rate limit counts against: the authenticated principal's stable id, or for anonymous
 * clients (auth `none`) their IP address. Never a credential.
 */
export function clientKeyOf(request: FastifyRequest): string {
  const principal = principalOf(request);
  return principal.kind === 'anonymous' ? `ip:${request.ip}` : `${principal.kind}:${principal.id}`;
}
