import { Type } from '@sinclair/typebox';
import { createSecrets } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import {
  assertUniqueNames,
  batchResultItem,
  inBatchChunks,
  MAX_BATCH_SIZE,
} from './batch-chunks.js';
import { tagIdMapper, tagSlugsArg } from './tag-ids.js';

export const createSecretsTool = defineTool({
  name: 'create-secrets',
  title: 'Create many secrets',
  description:
    'Create up to 1000 secrets in one folder in one call. Each batch of 100 is all or nothing.',
  toolset: 'secrets',
  annotations: CREATES,
  target: folderTarget('environmentSlug', 'secretPath', {
    secretNames: [{ each: 'secrets', field: 'secretName' }],
  }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretPath: secretPathArg(),
    secrets: Type.Array(
      Type.Object(
        {
          secretName: secretNameArg('Name, e.g. "DATABASE_URL".'),
          secretValue: Type.String({ default: '', description: 'Its value.' }),
          secretComment: Type.Optional(Type.String({ description: 'A comment to store with it.' })),
          tagSlugs: Type.Optional(tagSlugsArg('Slugs of existing tags to put on it.')),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BATCH_SIZE, description: 'The secrets to create.' },
    ),
  }),
  outputSchema: Type.Object({
    created: Type.Array(batchResultItem, { description: 'The secrets created.' }),
  }),
  async handler(input, context) {
    const { infisical, signal } = context;
    assertUniqueNames(
      input.secrets.map((item) => item.secretName),
      'secrets',
    );
    const tagIdsOf = await tagIdMapper(
      infisical,
      input.projectId,
      input.secrets.map((item) => item.tagSlugs),
      signal,
    );
    const created = await inBatchChunks(
      input.secrets,
      (item) => item.secretName,
      async (chunk) =>
        (
          await createSecrets(
            infisical,
            {
              projectId: input.projectId,
              environment: input.environmentSlug,
              secretPath: input.secretPath,
              secrets: chunk.map((item) => ({
                secretKey: item.secretName,
                secretValue: item.secretValue,
                secretComment: item.secretComment,
                tagIds: tagIdsOf(item.tagSlugs),
              })),
            },
            signal,
          )
        ).secrets,
      context,
      'created',
    );
    return {
      created: created.map(({ secretKey, id, version }) => ({ secretKey, id, version })),
    };
  },
});
