import type { DynamicSecret, DynamicSecretLease } from '../state/dynamic-secret-store.js';

/** Infisical's `SanitizedDynamicSecretSchema`: the configuration without its encrypted inputs. */
export function dynamicSecretView(secret: DynamicSecret, folderId: string | null) {
  return {
    id: secret.id,
    name: secret.name,
    version: 1,
    type: secret.type,
    defaultTTL: secret.defaultTTL,
    maxTTL: secret.maxTTL,
    folderId,
    status: null,
    statusDetails: null,
    usernameTemplate: null,
    gatewayId: null,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
    metadata: [],
  };
}

/**
 * What `GET /api/v1/dynamic-secrets/:name` adds: the provider inputs, admin credentials
 * included, exactly the part a tool must not pass on.
 */
export function dynamicSecretInputsView() {
  return {
    client: 'postgres',
    host: 'sandbox-db.internal',
    port: 5432,
    database: 'sandbox',
    username: 'sandbox_admin',
    password: 'sandbox-provider-admin-password',
  };
}

/** Infisical's `DynamicSecretLeasesSchema`; never the credentials. */
export function leaseView(secret: DynamicSecret, lease: DynamicSecretLease) {
  return {
    id: lease.id,
    version: lease.version,
    externalEntityId: lease.externalEntityId,
    expireAt: lease.expireAt,
    status: null,
    statusDetails: null,
    dynamicSecretId: secret.id,
    createdAt: lease.createdAt,
    updatedAt: lease.updatedAt,
    config: null,
  };
}
