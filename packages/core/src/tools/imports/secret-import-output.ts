import { type Static, Type } from '@sinclair/typebox';
import type { ApiSecretImport, ImportingFolder } from '../../infisical/api/secret-imports-api.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';

export const SecretImportOutput = Type.Object({
  id: Type.String({ description: 'Import ID, which delete-secret-import takes.' }),
  importEnvironmentSlug: Type.String({ description: 'Environment the secrets come from.' }),
  importSecretPath: Type.String({ description: 'Folder path the secrets come from.' }),
  position: Type.Number({ description: 'Place among the folder imports, 1 first.' }),
});
export type SecretImportOutput = Static<typeof SecretImportOutput>;

export function toSecretImportOutput(secretImport: ApiSecretImport): SecretImportOutput {
  return {
    id: secretImport.id,
    importEnvironmentSlug: secretImport.importEnv.slug,
    importSecretPath: secretImport.importPath,
    position: secretImport.position,
  };
}

/** The folder whose imports a tool reads or changes, in the secret tools' argument names. */
export const importingFolderArgs = () => ({
  projectId: projectIdArg(),
  environmentSlug: environmentSlugArg(),
  secretPath: secretPathArg(),
});

/** The folder tools' argument names, accepted for the importing folder too. */
export const IMPORTING_FOLDER_ALIASES = { environment: 'environmentSlug', path: 'secretPath' };

export function importingFolder(input: {
  projectId: string;
  environmentSlug: string;
  secretPath: string;
}): ImportingFolder {
  return { projectId: input.projectId, environment: input.environmentSlug, path: input.secretPath };
}
