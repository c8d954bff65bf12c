import { Type } from '@sinclair/typebox';
import { getSecret, moveSecrets, updateSecret } from '../../infisical/api/secrets-api.js';
import { InfisicalApiError } from '../../infisical/infisical-api-error.js';
import type { InfisicalClient } from '../../infisical/infisical-client.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import {
  environmentSlugArg,
  IDENTIFIER_RULES,
  projectIdArg,
  secretNameArg,
  secretPathArg,
} from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';
import { SecretOutput, toSecretOutput } from './secret-output.js';
import { tagIdMapper, tagSlugsArg } from './tag-ids.js';

export const updateSecretTool = defineTool({
  name: 'update-secret',
  title: 'Update secret',
  description:
    "Change one secret's value, name, comment or tags, or move it with newSecretPath; what is left out stays.",
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environmentSlug', 'secretPath', {
    paths: ['newSecretPath'],
    secretNames: ['secretName', 'newSecretName'],
    confirmName: ['secretName'],
  }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretName: secretNameArg('Current name of the secret to update.'),
    newSecretName: Type.Optional(secretNameArg('New name.')),
    secretValue: Type.Optional(Type.String({ description: 'New value.' })),
    secretComment: Type.Optional(Type.String({ description: 'New comment ("" clears it).' })),
    tagSlugs: Type.Optional(tagSlugsArg('Tag slugs replacing its tags ([] removes all).')),
    secretPath: secretPathArg(),
    newSecretPath: Type.Optional(
      Type.String({
        pattern: IDENTIFIER_RULES.secretPath.pattern,
        description: 'Existing folder of the same environment to move the secret to.',
      }),
    ),
  }),
  outputSchema: Type.Object({
    secret: SecretOutput,
    summary: Type.String({ description: 'What happened, and where the secret shown comes from.' }),
  }),
  async handler(input, { infisical, signal }) {
    const moving = input.newSecretPath !== undefined && input.newSecretPath !== input.secretPath;
    const changesFields =
      input.secretValue !== undefined ||
      input.newSecretName !== undefined ||
      input.secretComment !== undefined ||
      input.tagSlugs !== undefined;
    if (!changesFields && !moving) {
      throw new ToolInputError(
        'Nothing to update: give secretValue, newSecretName, secretComment, tagSlugs or newSecretPath.',
      );
    }
    const base = { projectId: input.projectId, environment: input.environmentSlug };
    let tagIds = (await tagIdMapper(infisical, input.projectId, [input.tagSlugs], signal))(
      input.tagSlugs,
    );
    let secretPath = input.secretPath;
    if (moving) {
      const keptTagIds = await moveSecret(infisical, input, signal);
      tagIds ??= keptTagIds.length > 0 ? keptTagIds : undefined;
      secretPath = input.newSecretPath as string;
    }
    if (changesFields || tagIds !== undefined) {
      // Infisical's answer echoes only what was sent (a rename alone answers an empty value, a
      // new value an empty comment, never tags), so the secret is read back below instead.
      await updateSecret(
        infisical,
        {
          ...base,
          secretPath,
          secretName: input.secretName,
          secretValue: input.secretValue,
          newSecretName: input.newSecretName,
          secretComment: input.secretComment,
          tagIds,
        },
        signal,
      );
    }
    const secretName = input.newSecretName ?? input.secretName;
    const { secret } = await getSecret(
      infisical,
      { ...base, secretPath, secretName, expandSecretReferences: false, includeImports: false },
      signal,
    ).catch((error: unknown) => {
      if (!(error instanceof InfisicalApiError)) throw error;
      throw new InfisicalApiError(
        `The update was applied, but reading ${secretName} back failed: ${error.message}`,
        error,
        { cause: error },
      );
    });
    return {
      secret: toSecretOutput(secret, secretPath),
      summary: `Updated ${secretName} in ${secretPath} of ${input.environmentSlug}; the secret shown was read back from Infisical after the update.`,
    };
  },
});

/** Moves the secret with Infisical's move route; returns the IDs of the tags the move drops. */
async function moveSecret(
  infisical: InfisicalClient,
  input: {
    projectId: string;
    environmentSlug: string;
    secretPath: string;
    secretName: string;
    newSecretPath?: string;
  },
  signal: AbortSignal,
): Promise<string[]> {
  const { secret } = await getSecret(
    infisical,
    {
      projectId: input.projectId,
      environment: input.environmentSlug,
      secretPath: input.secretPath,
      secretName: input.secretName,
      expandSecretReferences: false,
      includeImports: false,
    },
    signal,
  );
  await moveSecrets(
    infisical,
    {
      projectId: input.projectId,
      sourceEnvironment: input.environmentSlug,
      sourceSecretPath: input.secretPath,
      destinationEnvironment: input.environmentSlug,
      destinationSecretPath: input.newSecretPath as string,
      secretIds: [secret.id],
      shouldOverwrite: false,
    },
    signal,
  );
  return (secret.tags ?? []).map((tag) => tag.id);
}
