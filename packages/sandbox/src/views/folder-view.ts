import type { Folder } from '../state/model.js';

/** Infisical's `SecretFoldersSchema` extended with `path`, as create, update and get return it. */
export function folderView(folder: Folder) {
  return {
    id: folder.id,
    name: folder.name,
    version: folder.version,
    createdAt: folder.createdAt,
    updatedAt: folder.updatedAt,
    envId: folder.envId,
    parentId: folder.parentId,
    isReserved: false,
    description: folder.description,
    lastSecretModified: null,
    path: folder.path,
  };
}
