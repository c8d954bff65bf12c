import { Type } from '@sinclair/typebox';
import { deleteSecrets } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import { assertUniqueNames, inBatchChunks, MAX_BATCH_SIZE } from './batch-chunks.js';

export const deleteSecretsTool = defineTool({
  name: 'delete-secrets',
  title: 'Delete many secrets',
  description:
    'Delete up to 1000 secrets of one folder in one call. Each batch of 100 is all or nothing.',
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environmentSlug', 'secretPath', { secretNames: ['secretNames'] }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretPath: secretPathArg(),
    secretNames: Type.Array(secretNameArg('A secret name.'), {
      minItems: 1,
      maxItems: MAX_BATCH_SIZE,
      description: 'Names of the secrets to delete.',
    }),
  }),
  outputSchema: Type.Object({
    deleted: Type.Array(
      Type.Object({
        secretKey: Type.String({ description: 'Name of the deleted secret.' }),
        version: Type.Number({ description: 'Its last version before deletion.' }),
      }),
      { description: 'The secrets deleted (their values are not repeated).' },
    ),
  }),
  async handler(input, context) {
    const { infisical, signal } = context;
    assertUniqueNames(input.secretNames, 'secretNames');
    const deleted = await inBatchChunks(
      input.secretNames,
      (name) => name,
      async (chunk) =>
        (
          await deleteSecrets(
            infisical,
            {
              projectId: input.projectId,
              environment: input.environmentSlug,
              secretPath: input.secretPath,
              secretNames: chunk,
            },
            signal,
          )
        ).secrets,
      context,
      'deleted',
    );
    return { deleted: deleted.map(({ secretKey, version }) => ({ secretKey, version })) };
  },
});
