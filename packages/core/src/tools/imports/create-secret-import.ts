import { Type } from '@sinclair/typebox';
import { createSecretImport } from '../../infisical/api/secret-imports-api.js';
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
    "Make a folder also serve the secrets of another environment's folder (for example dev importing /shared from staging), without copying them. It goes after the folder's existing imports; the folder's own secrets win any name clash.",
  toolset: 'imports',
  annotations: CREATES,
  target: {
    reach: 'environments',
    project: 'projectId',
    environments: ['environmentSlug', 'importEnvironmentSlug'],
    paths: ['secretPath'],
  },
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
