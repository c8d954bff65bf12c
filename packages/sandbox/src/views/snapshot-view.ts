import type { Environment } from '../state/model.js';
import type { SecretSnapshot } from '../state/snapshot-store.js';
import { HIDDEN_SECRET_VALUE } from './secret-view.js';

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

/**
 * `GET /api/v1/secret-snapshot/:id`: the folder's secrets as they were and its sub-folders.
 * Values are masked, as Infisical's getSnapshotData masks them, unless the role may read them.
 */
export function snapshotDetailView(
  snapshot: SecretSnapshot,
  environment: Environment,
  canReadValue: boolean,
) {
  return {
    id: snapshot.id,
    projectId: environment.projectId,
    environment: { id: environment.id, slug: environment.slug, name: environment.name },
    secretVersions: snapshot.secrets.map((secret) => ({
      id: secret.id,
      secretId: secret.id,
      version: secret.version,
      secretKey: secret.key,
      secretValue: canReadValue ? secret.value : HIDDEN_SECRET_VALUE,
      secretValueHidden: !canReadValue,
      secretComment: secret.comment,
      secretReminderNote: null,
      secretReminderRepeatDays: null,
      skipMultilineEncoding: secret.skipMultilineEncoding,
      isRotatedSecret: false,
      rotationId: null,
      tags: [],
      createdAt: secret.createdAt,
      updatedAt: secret.updatedAt,
    })),
    folderVersion: snapshot.folderNames.map((name) => ({ id: name, name })),
    createdAt: snapshot.createdAt,
    updatedAt: snapshot.createdAt,
  };
}
