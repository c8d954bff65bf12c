import { type Static, Type } from '@sinclair/typebox';
import type { ApiSecret } from '../../infisical/api/secrets-api.js';

const secretValueField = Type.String({
  secretValue: true,
  description:
    'Value of the secret. Under a masking policy a mask such as "<masked length=23 fingerprint=3f9a1c2b7d4e>" (equal values, equal fingerprints); absent when values are withheld.',
});

/** Everything about a secret but its value. */
const secretMetadataFields = {
  valueHidden: Type.Optional(
    Type.Boolean({
      description:
        "true when Infisical withheld the value: the identity's role may see the name but not read the value here.",
    }),
  ),
  secretPath: Type.String({ description: 'Folder path holding the secret.' }),
  environment: Type.String({ description: 'Environment slug.' }),
  version: Type.Number({ description: 'Version number; it grows by one on every change.' }),
  secretComment: Type.String({ description: 'Comment stored with the secret ("" when none).' }),
  type: Type.String({ description: '"shared", or "personal" for a user override.' }),
  tags: Type.Array(Type.String(), { description: 'Slugs of the tags on the secret.' }),
  id: Type.String({ description: 'Infisical ID of the secret.' }),
  updatedAt: Type.Optional(
    Type.String({ description: 'When the secret last changed (ISO 8601).' }),
  ),
};

export const SecretOutput = Type.Object(
  {
    secretKey: Type.String({ description: 'Name of the secret.' }),
    secretValue: Type.Optional(secretValueField),
    ...secretMetadataFields,
  },
  { description: 'A secret as stored in Infisical.' },
);
export type SecretOutput = Static<typeof SecretOutput>;

/** A secret in a list: its value only when the caller asked for values. */
export const SecretListItem = Type.Object(
  {
    secretKey: Type.String({ description: 'Name of the secret.' }),
    secretValue: Type.Optional(secretValueField),
    ...secretMetadataFields,
  },
  { description: 'A secret as stored in Infisical; secretValue only with includeValues: true.' },
);
export type SecretListItem = Static<typeof SecretListItem>;

/** Infisical's create route omits the path; the caller knows it. */
export function toSecretOutput(secret: ApiSecret, fallbackPath: string): SecretOutput {
  if (secret.secretValueHidden) {
    const metadata = toSecretMetadata(secret, fallbackPath);
    return { secretKey: secret.secretKey, valueHidden: true, ...metadata };
  }
  return {
    secretKey: secret.secretKey,
    secretValue: secret.secretValue,
    ...toSecretMetadata(secret, fallbackPath),
  };
}

export function toSecretListItem(
  secret: ApiSecret,
  fallbackPath: string,
  includeValues: boolean,
): SecretListItem {
  if (includeValues) return toSecretOutput(secret, fallbackPath);
  return { secretKey: secret.secretKey, ...toSecretMetadata(secret, fallbackPath) };
}

function toSecretMetadata(secret: ApiSecret, fallbackPath: string) {
  return {
    secretPath: secret.secretPath ?? fallbackPath,
    environment: secret.environment,
    version: secret.version,
    secretComment: secret.secretComment ?? '',
    type: secret.type,
    tags: (secret.tags ?? []).map((tag) => tag.slug),
    id: secret.id,
    ...(secret.updatedAt ? { updatedAt: secret.updatedAt } : {}),
  };
}
