import { type Static, Type } from '@sinclair/typebox';
import type { ApiFolder } from '../../infisical/api/folders-api.js';
import { joinFolderPath } from './folder-path.js';

export const FolderOutput = Type.Object({
  id: Type.String(),
  name: Type.String(),
  path: Type.String({ description: 'Full path of the folder, usable as secretPath.' }),
  environment: Type.String({ description: 'Slug of the environment holding the folder.' }),
  description: Type.Optional(Type.String()),
});
export type FolderOutput = Static<typeof FolderOutput>;

/**
 * The folder as tools report it. Infisical does not always return the path (delete does not),
 * so it is built from the parent path the caller gave when missing.
 */
export function toFolderOutput(
  folder: ApiFolder,
  where: { environment: string; parentPath: string },
): FolderOutput {
  return {
    id: folder.id,
    name: folder.name,
    path: folder.path ?? joinFolderPath(where.parentPath, folder.name),
    environment: where.environment,
    ...(folder.description ? { description: folder.description } : {}),
  };
}
