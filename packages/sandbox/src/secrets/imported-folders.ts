import type { Folder, Project } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';

export interface ImportedFolder {
  environment: string;
  secretPath: string;
  folder: Folder;
}

const MAX_IMPORT_DEPTH = 10;

/**
 * The folders imported by `folders`, in import order, followed by what those import in turn.
 * Imports of missing folders are skipped, and each folder appears once, so import cycles end.
 */
export function resolveImportedFolders(
  state: SandboxState,
  project: Project,
  folders: readonly Folder[],
): ImportedFolder[] {
  const seen = new Set(folders.map((folder) => folder.id));
  const result: ImportedFolder[] = [];
  const visit = (folder: Folder, depth: number) => {
    if (depth > MAX_IMPORT_DEPTH) return;
    for (const secretImport of folder.imports) {
      const imported = state.findFolder(project, secretImport.importEnv, secretImport.importPath);
      if (!imported || seen.has(imported.id)) continue;
      seen.add(imported.id);
      result.push({
        environment: secretImport.importEnv,
        secretPath: secretImport.importPath,
        folder: imported,
      });
      visit(imported, depth + 1);
    }
  };
  for (const folder of folders) visit(folder, 1);
  return result;
}
