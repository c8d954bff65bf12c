import type { SecretSnapshot } from '../state/snapshot-store.js';

/** Infisical's `SecretSnapshotsSchema`: which folder, when; the contents are not listed. */
export function snapshotView(snapshot: SecretSnapshot) {
  return {
    id: snapshot.id,
    envId: snapshot.envId,
    folderId: snapshot.folderId,
    parentFolderId: snapshot.parentFolderId,
    createdAt: snapshot.createdAt,
    updatedAt: snapshot.createdAt,
  };
}
