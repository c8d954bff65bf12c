import { Type } from '@sinclair/typebox';
import { createSecretImport } from '../../infisical/api/secret-imports-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, secretPathArg } from '../schema.js';
import {
  IMPORTING_FOLDER_ALIASES,
  importingFolder,
  importingFolderArgs,
  SecretImportOutput,
  toSecretImportOutput,
} from './secret-import-output.js';

export const createSecretImportTool = defineTool({
  name: 'create-secret-import',
  title: 'Create secret import',
  description:
    "Make a folder also serve another environment's or folder's secrets without copying them; its own secrets win clashes.",
  toolset: 'imports',
  annotations: CREATES,
  target: folderTarget('environmentSlug', 'secretPath', {
    environments: ['importEnvironmentSlug'],
  }),
  inputSchema: Type.Object({
    ...importingFolderArgs(),
    importEnvironmentSlug: environmentSlugArg('to import secrets from'),
    importSecretPath: secretPathArg('to import secrets from'),
  }),
  argumentAliases: IMPORTING_FOLDER_ALIASES,
  outputSchema: Type.Object({ secretImport: SecretImportOutput }),
  async handler(input, { infisical, signal }) {
    const { secretImport } = await createSecretImport(
      infisical,
      {
        ...importingFolder(input),
        importEnvironment: input.importEnvironmentSlug,
        importPath: input.importSecretPath,
      },
      signal,
    );
    return { secretImport: toSecretImportOutput(secretImport) };
  },
});
