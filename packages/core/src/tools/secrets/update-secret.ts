import { Type } from '@sinclair/typebox';
import { updateSecret } from '../../infisical/api/secrets-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';
import { SecretOutput, toSecretOutput } from './secret-output.js';

export const updateSecretTool = defineTool({
  name: 'update-secret',
  title: 'Update secret',
  description:
    'Change the value of an existing secret, rename it, or both. Only what is given changes: leaving out secretValue keeps the current value.',
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  inputSchema: Type.Object({
    projectId: projectIdArg('holding the secret'),
    environmentSlug: environmentSlugArg('holding the secret'),
    secretName: secretNameArg('Current name of the secret to update.'),
    newSecretName: Type.Optional(
      Type.String({ minLength: 1, description: 'New name for the secret. Omit to keep the name.' }),
    ),
    secretValue: Type.Optional(
      Type.String({ description: 'New value for the secret. Omit to keep the current value.' }),
    ),
    secretPath: secretPathArg('holding the secret'),
  }),
  outputSchema: Type.Object({ secret: SecretOutput }),
  async handler(input, { infisical, signal }) {
    if (input.secretValue === undefined && input.newSecretName === undefined) {
      throw new ToolInputError(
        'Nothing to update: give secretValue to change the value, newSecretName to rename, or both.',
      );
    }
    const { secret } = await updateSecret(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        secretPath: input.secretPath,
        secretName: input.secretName,
        secretValue: input.secretValue,
        newSecretName: input.newSecretName,
      },
      signal,
    );
    return { secret: toSecretOutput(secret, input.secretPath) };
  },
});
