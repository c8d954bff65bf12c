import { type Static, Type } from '@sinclair/typebox';
import type { ApiSecretImport } from '../../infisical/api/secret-imports-api.js';

export const SecretImportOutput = Type.Object({
  id: Type.String({ description: 'Import ID, which delete-secret-import takes.' }),
  importEnvironmentSlug: Type.String({ description: 'Environment the secrets come from.' }),
  importSecretPath: Type.String({ description: 'Folder path the secrets come from.' }),
  position: Type.Number({
    description: 'Order of precedence, 1 first; a later import wins a name clash.',
  }),
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

/** The seed's and folder tools' argument names, accepted for the importing folder. */
export const IMPORTING_FOLDER_ALIASES = { environment: 'environmentSlug', path: 'secretPath' };
