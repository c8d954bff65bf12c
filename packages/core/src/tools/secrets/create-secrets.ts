import { Type } from '@sinclair/typebox';
import { createSecrets } from '../../infisical/api/secrets-api.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import {
  assertUniqueNames,
  BATCH_CHUNK_SIZE,
  batchResultItem,
  inBatchChunks,
  MAX_BATCH_SIZE,
} from './batch-chunks.js';
import { tagIdMapper, tagSlugsArg } from './tag-ids.js';

export const createSecretsTool = defineTool({
  name: 'create-secrets',
  title: 'Create many secrets',
  description: `Create up to ${MAX_BATCH_SIZE} new secrets in one folder of a project environment in one call, reporting progress. Infisical writes each request of up to ${BATCH_CHUNK_SIZE} secrets all or nothing, so if any of them already exists none of that request is created. Returns the names, IDs and versions created, not the values.`,
  toolset: 'secrets',
  annotations: CREATES,
  target: {
    reach: 'environments',
    project: 'projectId',
    environments: ['environmentSlug'],
    paths: ['secretPath'],
    secretNames: [{ each: 'secrets', field: 'secretName' }],
  },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretPath: secretPathArg(),
    secrets: Type.Array(
      Type.Object(
        {
          secretName: secretNameArg('Name of the new secret, e.g. "DATABASE_URL".'),
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
