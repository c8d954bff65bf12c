import type { FastifyRequest } from 'fastify';
import type { MachineIdentity } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { authenticateBearer } from './access-tokens.js';

const identities = new WeakMap<FastifyRequest, MachineIdentity>();

/**
 * An `onRequest` hook for protected routes. It runs before the body is read, so a bad token is
 * reported before a bad body, as in Infisical.
 */
export function requireIdentity(state: SandboxState) {
  return async (request: FastifyRequest): Promise<void> => {
    identities.set(request, authenticateBearer(state, request.headers.authorization));
  };
}

export function identityOf(request: FastifyRequest): MachineIdentity {
  const identity = identities.get(request);
  if (!identity) throw new Error('identityOf() called on a route without requireIdentity()');
  return identity;
}
