import { Type } from '@sinclair/typebox';
import { updateSecrets } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';
import {
  assertUniqueNames,
  batchResultItem,
  inBatchChunks,
  MAX_BATCH_SIZE,
} from './batch-chunks.js';
import { tagIdMapper, tagSlugsArg } from './tag-ids.js';

export const updateSecretsTool = defineTool({
  name: 'update-secrets',
  title: 'Update many secrets',
  description:
    'Change up to 1000 secrets of one folder in one call. Each batch of 100 is all or nothing unless createMissing.',
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environmentSlug', 'secretPath', {
    secretNames: [
      { each: 'secrets', field: 'secretName' },
      { each: 'secrets', field: 'newSecretName' },
    ],
    confirmName: [{ each: 'secrets', field: 'secretName' }],
  }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretPath: secretPathArg(),
    secrets: Type.Array(
      Type.Object(
        {
          secretName: secretNameArg('Current name of the secret.'),
          secretValue: Type.Optional(Type.String({ description: 'New value.' })),
          newSecretName: Type.Optional(secretNameArg('New name.')),
          secretComment: Type.Optional(Type.String({ description: 'New comment.' })),
          tagSlugs: Type.Optional(tagSlugsArg('Tag slugs replacing its tags ([] removes all).')),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_BATCH_SIZE, description: 'The secrets to change.' },
    ),
    createMissing: Type.Boolean({
      default: false,
      description: 'Create missing secrets instead of failing.',
    }),
  }),
  outputSchema: Type.Object({
    updated: Type.Array(batchResultItem, {
      description: 'The secrets changed (and created, with createMissing), by their new names.',
    }),
  }),
  async handler(input, context) {
    const { infisical, signal } = context;
    assertUniqueNames(
      input.secrets.map((item) => item.secretName),
      'secrets',
    );
    const idle = input.secrets.filter(
      (item) =>
        item.secretValue === undefined &&
        item.newSecretName === undefined &&
        item.secretComment === undefined &&
        item.tagSlugs === undefined,
    );
    if (idle.length > 0 && !input.createMissing) {
      throw new ToolInputError(
        `Nothing to change for: ${idle.map((item) => item.secretName).join(', ')}. Give each secret a secretValue, newSecretName, secretComment or tagSlugs.`,
      );
    }
    const tagIdsOf = await tagIdMapper(
      infisical,
      input.projectId,
      input.secrets.map((item) => item.tagSlugs),
      signal,
    );
    const updated = await inBatchChunks(
      input.secrets,
      (item) => item.secretName,
      async (chunk) =>
        (
          await updateSecrets(
            infisical,
            {
              projectId: input.projectId,
              environment: input.environmentSlug,
              secretPath: input.secretPath,
              mode: input.createMissing ? 'upsert' : 'failOnNotFound',
              secrets: chunk.map((item) => ({
                secretKey: item.secretName,
                secretValue: item.secretValue,
                newSecretName: item.newSecretName,
                secretComment: item.secretComment,
                tagIds: tagIdsOf(item.tagSlugs),
              })),
            },
            signal,
          )
        ).secrets,
      context,
      'updated',
    );
    return {
      updated: updated.map(({ secretKey, id, version }) => ({ secretKey, id, version })),
    };
  },
});
