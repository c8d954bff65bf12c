import type { KmsKey } from '../state/kms-key-store.js';

/** Infisical's `CmekSchema`: the key's metadata, never its material. */
export function kmsKeyView(key: KmsKey) {
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    isDisabled: key.isDisabled,
    orgId: key.orgId,
    projectId: key.projectId,
    keyUsage: key.keyUsage,
    version: key.version,
    encryptionAlgorithm: key.encryptionAlgorithm,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt,
  };
}
