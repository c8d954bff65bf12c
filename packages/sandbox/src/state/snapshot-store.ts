import { newId } from '../ids.js';
import type { Folder } from './model.js';

export interface SnapshotSecret {
  id: string;
  key: string;
  value: string;
  comment: string;
  version: number;
  skipMultilineEncoding: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A folder's contents at one moment, as Infisical records after every write to the folder. */
export interface SecretSnapshot {
  id: string;
  envId: string;
  folderId: string;
  /** The folder's path when the snapshot was taken, which permission conditions look at. */
  folderPath: string;
  parentFolderId: string | null;
  createdAt: Date;
  secrets: SnapshotSecret[];
  folderNames: string[];
}

/**
 * Infisical's (legacy) secret snapshots: one per write to a folder, newest first. Only listing
 * and reading them is modelled; their rollback route is retired in Infisical (see README).
 */
export class SnapshotStore {
  private readonly byFolder = new Map<string, SecretSnapshot[]>();

  take(folder: Folder, childFolderNames: readonly string[], at: Date): SecretSnapshot {
    const snapshot: SecretSnapshot = {
      id: newId(),
      envId: folder.envId,
      folderId: folder.id,
      folderPath: folder.path,
      parentFolderId: folder.parentId,
      createdAt: at,
      secrets: [...folder.secrets.values()].map((secret) => ({
        id: secret.id,
        key: secret.key,
        value: secret.value,
        comment: secret.comment,
        version: secret.version,
        skipMultilineEncoding: secret.skipMultilineEncoding,
        createdAt: secret.createdAt,
        updatedAt: secret.updatedAt,
      })),
      folderNames: [...childFolderNames],
    };
    const list = this.byFolder.get(folder.id) ?? [];
    list.unshift(snapshot);
    this.byFolder.set(folder.id, list);
    return snapshot;
  }

  /** Newest first. */
  listFor(folderId: string): readonly SecretSnapshot[] {
    return this.byFolder.get(folderId) ?? [];
  }

  find(snapshotId: string): SecretSnapshot | undefined {
    for (const list of this.byFolder.values()) {
      const found = list.find((snapshot) => snapshot.id === snapshotId);
      if (found) return found;
    }
    return undefined;
  }

  /** Snapshots die with their folder, as Infisical's foreign keys cascade. */
  forget(folderIds: Iterable<string>): void {
    for (const folderId of folderIds) this.byFolder.delete(folderId);
  }

  count(): number {
    let total = 0;
    for (const list of this.byFolder.values()) total += list.length;
    return total;
  }
}
