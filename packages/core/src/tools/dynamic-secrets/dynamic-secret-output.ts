import { Type } from '@sinclair/typebox';
import type { ApiDynamicSecret } from '../../infisical/api/dynamic-secrets-api.js';

/** A dynamic secret's description; its provider settings hold admin credentials and stay out. */
export const DynamicSecretOutput = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String({ description: 'Provider, e.g. "sql-database", "aws-iam" or "redis".' }),
  defaultTTL: Type.String({ description: 'Lease lifetime when none is asked for, e.g. "1h".' }),
  maxTTL: Type.Optional(Type.String({ description: 'Longest a lease may live, e.g. "24h".' })),
  status: Type.Optional(Type.String()),
});

export function toDynamicSecretOutput(secret: ApiDynamicSecret) {
  return {
    id: secret.id,
    name: secret.name,
    type: secret.type,
    defaultTTL: secret.defaultTTL,
    ...(secret.maxTTL ? { maxTTL: secret.maxTTL } : {}),
    ...(secret.status ? { status: secret.status } : {}),
  };
}
