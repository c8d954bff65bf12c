import { environmentSlugArg, Identifier, projectIdArg, secretPathArg } from '../schema.js';

/** Infisical's folder name rule. */
export const FOLDER_NAME = { minLength: 1, pattern: '^[a-zA-Z0-9_-]+$' } as const;

/**
 * Where update-folder and delete-folder find their folder: Infisical names it by ID (or its
 * current name) under a parent path.
 */
export const folderLocationArgs = (purpose: string) => ({
  projectId: projectIdArg(),
  environment: environmentSlugArg(),
  path: secretPathArg('of the parent folder'),
  folderId: Identifier('folderName', {
    description: `ID or current name of the folder ${purpose}.`,
  }),
});

/** The names list-folders and the secret tools use, accepted for the same arguments. */
export const FOLDER_ARGUMENT_ALIASES = { environmentSlug: 'environment', secretPath: 'path' };
