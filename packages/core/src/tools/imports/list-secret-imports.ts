import { Type } from '@sinclair/typebox';
import { listSecretImports } from '../../infisical/api/secret-imports-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import {
  IMPORTING_FOLDER_ALIASES,
  importingFolder,
  importingFolderArgs,
  SecretImportOutput,
  toSecretImportOutput,
} from './secret-import-output.js';

export const listSecretImportsTool = defineTool({
  name: 'list-secret-imports',
  title: 'List secret imports',
  description:
    "List a folder's imports: the folders whose secrets it also serves, in order, without values.",
  toolset: 'imports',
  annotations: READS,
  target: folderTarget('environmentSlug', 'secretPath'),
  inputSchema: Type.Object({
    ...importingFolderArgs(),
    ...pageArgs(),
  }),
  argumentAliases: IMPORTING_FOLDER_ALIASES,
  outputSchema: Type.Object({ secretImports: Type.Array(SecretImportOutput), ...pageInfo() }),
  async handler(input, { infisical, signal }) {
    const { secretImports } = await listSecretImports(infisical, importingFolder(input), signal);
    const ordered = [...secretImports].sort((left, right) => left.position - right.position);
    const { items, ...page } = paginate(ordered.map(toSecretImportOutput), input);
    return { secretImports: items, ...page };
  },
});
