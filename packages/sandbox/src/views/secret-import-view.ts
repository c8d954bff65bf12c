import type { Environment, Folder, SecretImport } from '../state/model.js';

/** Infisical's `SecretImportsSchema` with `importEnv` expanded to the imported environment. */
export function secretImportView(
  secretImport: SecretImport,
  folder: Folder,
  importEnvironment: Pick<Environment, 'id' | 'name' | 'slug'> | undefined,
) {
  return {
    id: secretImport.id,
    version: 1,
    importPath: secretImport.importPath,
    position: secretImport.position,
    createdAt: secretImport.createdAt,
    updatedAt: secretImport.createdAt,
    folderId: folder.id,
    isReplication: false,
    isReplicationSuccess: null,
    replicationStatus: null,
    lastReplicated: null,
    isReserved: false,
    importEnv: {
      name: importEnvironment?.name ?? secretImport.importEnv,
      slug: secretImport.importEnv,
      id: importEnvironment?.id ?? '',
    },
  };
}
