import { randomBytes } from 'node:crypto';
import { badRequest, notFound } from '../errors/infisical-errors.js';
import { newId, randomAlphanumeric } from '../ids.js';
import { parseDuration } from '../validation/duration.js';
import { normalizeSecretPath } from './secret-path.js';

/**
 * Dynamic secrets and their leases. The sandbox fakes one provider: a lease is a database-style
 * user name and password made up on the spot, valid until the lease expires or is revoked.
 */
export interface DynamicSecret {
  id: string;
  name: string;
  /** Infisical's provider type, e.g. "sql-database". */
  type: string;
  projectId: string;
  environment: string;
  path: string;
  defaultTTL: string;
  maxTTL: string | null;
  createdAt: Date;
  updatedAt: Date;
  leases: DynamicSecretLease[];
}

export interface DynamicSecretLease {
  id: string;
  version: number;
  externalEntityId: string;
  expireAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** The credentials handed out; secret values. */
  credentials: Record<string, string>;
}

export interface CreateDynamicSecretInput {
  projectId: string;
  environment: string;
  path?: string;
  name: string;
  type?: string;
  defaultTTL?: string;
  maxTTL?: string | null;
}

export class DynamicSecretStore {
  private readonly secrets: DynamicSecret[] = [];

  constructor(private readonly now: () => Date) {}

  create(input: CreateDynamicSecretInput): DynamicSecret {
    const path = normalizeSecretPath(input.path ?? '/');
    if (this.find(input.projectId, input.environment, path, input.name)) {
      throw badRequest(`Dynamic secret with name '${input.name}' already exists`);
    }
    const now = this.now();
    const secret: DynamicSecret = {
      id: newId(),
      name: input.name,
      type: input.type ?? 'sql-database',
      projectId: input.projectId,
      environment: input.environment,
      path,
      defaultTTL: input.defaultTTL ?? '1h',
      maxTTL: input.maxTTL ?? '24h',
      createdAt: now,
      updatedAt: now,
      leases: [],
    };
    this.secrets.push(secret);
    return secret;
  }

  list(projectId: string, environment: string, path: string): DynamicSecret[] {
    const folder = normalizeSecretPath(path);
    return this.secrets.filter(
      (secret) =>
        secret.projectId === projectId &&
        secret.environment === environment &&
        secret.path === folder,
    );
  }

  ofProject(projectId: string): DynamicSecret[] {
    return this.secrets.filter((secret) => secret.projectId === projectId);
  }

  find(projectId: string, environment: string, path: string, name: string) {
    return this.list(projectId, environment, path).find((secret) => secret.name === name);
  }

  require(projectId: string, environment: string, path: string, name: string): DynamicSecret {
    const secret = this.find(projectId, environment, path, name);
    if (!secret) {
      throw notFound(
        `Dynamic secret with name '${name}' in folder with path '${normalizeSecretPath(path)}' not found`,
      );
    }
    return secret;
  }

  /** The lease, if it belongs to a dynamic secret of that folder and has not expired. */
  requireLease(projectId: string, environment: string, path: string, leaseId: string) {
    for (const secret of this.list(projectId, environment, path)) {
      const lease = secret.leases.find((candidate) => candidate.id === leaseId);
      if (lease && lease.expireAt > this.now()) return { secret, lease };
    }
    throw notFound(`Dynamic secret lease with ID '${leaseId}' not found`);
  }

  createLease(secret: DynamicSecret, ttl: string | undefined): DynamicSecretLease {
    const now = this.now();
    const username = `sandbox_${randomAlphanumeric(10).toLowerCase()}`;
    const lease: DynamicSecretLease = {
      id: newId(),
      version: 1,
      externalEntityId: username,
      expireAt: new Date(now.getTime() + this.lifetime(secret, ttl)),
      createdAt: now,
      updatedAt: now,
      credentials: { DB_USERNAME: username, DB_PASSWORD: randomBytes(18).toString('base64url') },
    };
    secret.leases.push(lease);
    return lease;
  }

  /** Like Infisical, a renewal counts from now and may not reach past the max TTL from creation. */
  renewLease(secret: DynamicSecret, lease: DynamicSecretLease, ttl: string | undefined) {
    const now = this.now();
    const expireAt = new Date(now.getTime() + this.lifetime(secret, ttl));
    const maxTTL = secret.maxTTL ? parseDuration(secret.maxTTL) : undefined;
    if (maxTTL !== undefined && expireAt.getTime() > lease.createdAt.getTime() + maxTTL) {
      throw badRequest('The requested renewal would exceed the maximum TTL allowed');
    }
    lease.expireAt = expireAt;
    lease.version += 1;
    lease.updatedAt = now;
    return lease;
  }

  revokeLease(secret: DynamicSecret, lease: DynamicSecretLease): DynamicSecretLease {
    secret.leases = secret.leases.filter((candidate) => candidate !== lease);
    return lease;
  }

  activeLeases(secret: DynamicSecret): DynamicSecretLease[] {
    const now = this.now();
    return secret.leases.filter((lease) => lease.expireAt > now);
  }

  private lifetime(secret: DynamicSecret, ttl: string | undefined): number {
    const wanted = parseDuration(ttl ?? secret.defaultTTL) ?? 0;
    const maxTTL = secret.maxTTL ? parseDuration(secret.maxTTL) : undefined;
    if (maxTTL !== undefined && wanted > maxTTL) {
      throw badRequest('TTL cannot be larger than max TTL');
    }
    return wanted;
  }
}
