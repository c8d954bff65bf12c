import type { Secret, SecretTag } from '../state/model.js';

export const HIDDEN_SECRET_VALUE = '<hidden-by-infisical>';

/** Where a secret lives; Infisical's secret objects carry the project and environment slug. */
export interface SecretPlacement {
  projectId: string;
  environment: string;
  secretPath: string;
}

/** The value shown to the caller, after expansion or hiding. */
export interface SecretPresentation {
  value: string;
  valueHidden: boolean;
}

/** Infisical's `secretRawSchema`: the fields every secret response carries. */
export function rawSecretView(
  secret: Secret,
  placement: SecretPlacement,
  presentation: SecretPresentation = { value: secret.value, valueHidden: false },
) {
  return {
    id: secret.id,
    _id: secret.id,
    workspace: placement.projectId,
    environment: placement.environment,
    version: secret.version,
    type: secret.type,
    secretKey: secret.key,
    secretValue: presentation.value,
    secretComment: secret.comment,
    secretReminderNote: null,
    secretReminderRepeatDays: null,
    skipMultilineEncoding: secret.skipMultilineEncoding,
    isRotatedSecret: false,
    rotationId: null,
    createdAt: secret.createdAt,
    updatedAt: secret.updatedAt,
  };
}

/** `secretRawSchema & {secretValueHidden}`, as update, delete and batch writes return. */
export function writtenSecretView(
  secret: Secret,
  placement: SecretPlacement,
  presentation?: SecretPresentation,
) {
  const view = rawSecretView(secret, placement, presentation);
  return { ...view, secretValueHidden: presentation?.valueHidden ?? false };
}

/** A secret as list and get-by-name return it: with path, tags and metadata. */
export function readSecretView(
  secret: Secret,
  placement: SecretPlacement,
  presentation: SecretPresentation,
) {
  return {
    ...rawSecretView(secret, placement, presentation),
    secretPath: placement.secretPath,
    secretValueHidden: presentation.valueHidden,
    secretMetadata: [],
    tags: secret.tags.map(tagView),
  };
}

/** An entry of an import's `secrets`: the raw schema without timestamps. */
export function importedSecretView(
  secret: Secret,
  placement: SecretPlacement,
  presentation: SecretPresentation,
) {
  const {
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    ...view
  } = rawSecretView(secret, placement, presentation);
  return { ...view, secretValueHidden: presentation.valueHidden, secretMetadata: [] };
}

function tagView(tag: SecretTag) {
  return { id: tag.id, slug: tag.slug, name: tag.name, color: tag.color };
}
