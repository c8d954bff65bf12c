import { Type } from '@sinclair/typebox';
import { deleteSecretImport } from '../../infisical/api/secret-imports-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { uuidArg } from '../schema.js';
import {
  IMPORTING_FOLDER_ALIASES,
  importingFolder,
  importingFolderArgs,
  SecretImportOutput,
  toSecretImportOutput,
} from './secret-import-output.js';

export const deleteSecretImportTool = defineTool({
  name: 'delete-secret-import',
  title: 'Delete secret import',
  description: 'Remove an import from a folder; the imported secrets stay at their source.',
  toolset: 'imports',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environmentSlug', 'secretPath', { confirmName: ['secretImportId'] }),
  inputSchema: Type.Object({
    ...importingFolderArgs(),
    secretImportId: uuidArg('Import ID.'),
  }),
  argumentAliases: IMPORTING_FOLDER_ALIASES,
  outputSchema: Type.Object({ deleted: SecretImportOutput }),
  async handler(input, { infisical, signal }) {
    const { secretImport } = await deleteSecretImport(
      infisical,
      {
        ...importingFolder(input),
        secretImportId: input.secretImportId,
      },
      signal,
    );
    return { deleted: toSecretImportOutput(secretImport) };
  },
});
