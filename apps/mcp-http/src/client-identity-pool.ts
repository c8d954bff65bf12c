import { createHash } from 'node:crypto';
import {
  type ConnectionOptions,
  createInfisicalClient,
  type InfisicalClient,
} from '@infisical/mcp-core';
import { SessionRefusedError } from '@infisical/mcp-transport-http';

/** Headers a client uses to bring its own Infisical identity (multi-tenant mode). */
export const CLIENT_IDENTITY_HEADERS = {
  accessToken: 'x-infisical-token',
  clientId: 'x-infisical-client-id',
  clientSecret: 'x-infisical-client-secret',
} as const;

export interface LeasedClient {
  client: InfisicalClient;
  /** Call when the session ends: the last lease of an identity drops its credentials. */
  release(): void;
}

interface PooledIdentity {
  client: InfisicalClient;
  leases: number;
}

/**
 * Infisical clients for identities that clients bring in request headers. One client (one token
 * cache) per identity, keyed by a digest of the full credentials, so two callers share a cache
 * only when they hold the same credentials; it lives while sessions use it and is dropped with
 * the last one. The Infisical host is always the operator's: a client cannot point the server
 * elsewhere.
 */
export class ClientIdentityPool {
  private readonly identities = new Map<string, PooledIdentity>();

  constructor(private readonly base: Omit<ConnectionOptions, 'auth'>) {}

  /** The client for the caller's own identity, or undefined when the headers bring none. */
  lease(
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): LeasedClient | undefined {
    const { accessToken, clientId, clientSecret } = identityHeadersOf(headers);
    if (!accessToken && !clientId && !clientSecret) return undefined;
    if (accessToken && (clientId || clientSecret)) {
      throw new SessionRefusedError(
        `Send either ${CLIENT_IDENTITY_HEADERS.accessToken} or ${CLIENT_IDENTITY_HEADERS.clientId} with ${CLIENT_IDENTITY_HEADERS.clientSecret}, not both.`,
      );
    }
    if (!accessToken && !(clientId && clientSecret)) {
      throw new SessionRefusedError(
        `${CLIENT_IDENTITY_HEADERS.clientId} and ${CLIENT_IDENTITY_HEADERS.clientSecret} go together: send both.`,
      );
    }
    const auth: ConnectionOptions['auth'] = accessToken
      ? { method: 'access-token', accessToken }
      : {
          method: 'universal-auth',
          clientId: clientId as string,
          clientSecret: clientSecret as string,
        };
    const key = identityDigest(accessToken, clientId, clientSecret);

    let pooled = this.identities.get(key);
    if (!pooled) {
      pooled = { client: createInfisicalClient({ ...this.base, auth }), leases: 0 };
      this.identities.set(key, pooled);
    }
    pooled.leases++;
    let released = false;
    return {
      client: pooled.client,
      release: () => {
        if (released) return;
        released = true;
        const current = this.identities.get(key);
        if (current && --current.leases === 0) this.identities.delete(key);
      },
    };
  }

  /** Identities currently held, for tests and metrics. */
  get size(): number {
    return this.identities.size;
  }
}

/**
 * A one-way fingerprint of the identity the headers bring (undefined: none), stored with a
 * session in Redis so another replica serves it only to requests bringing the same identity.
 */
export function identityReferenceOf(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const { accessToken, clientId, clientSecret } = identityHeadersOf(headers);
  if (!accessToken && !clientId && !clientSecret) return undefined;
  return identityDigest(accessToken, clientId, clientSecret);
}

function identityHeadersOf(headers: Readonly<Record<string, string | string[] | undefined>>) {
  return {
    accessToken: single(headers[CLIENT_IDENTITY_HEADERS.accessToken]),
    clientId: single(headers[CLIENT_IDENTITY_HEADERS.clientId]),
    clientSecret: single(headers[CLIENT_IDENTITY_HEADERS.clientSecret]),
  };
}

function identityDigest(
  accessToken: string | undefined,
  clientId: string | undefined,
  clientSecret: string | undefined,
): string {
  return digest(accessToken ? ['token', accessToken] : ['universal-auth', clientId, clientSecret]);
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function digest(parts: (string | undefined)[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}
