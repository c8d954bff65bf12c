import { Type } from '@sinclair/typebox';
import { createSecret } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import { SecretOutput, toSecretOutput } from './secret-output.js';

export const createSecretTool = defineTool({
  name: 'create-secret',
  title: 'Create secret',
  description: 'Create one new secret. Fails if the name exists: use update-secret to change it.',
  toolset: 'secrets',
  annotations: CREATES,
  target: folderTarget('environmentSlug', 'secretPath', { secretNames: ['secretName'] }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretName: secretNameArg('Name, e.g. "DATABASE_URL".'),
    secretValue: Type.String({
      default: '',
      description: 'Value of the new secret.',
    }),
    secretPath: secretPathArg(),
  }),
  outputSchema: Type.Object({ secret: SecretOutput }),
  async handler(input, { infisical, signal }) {
    const { secret } = await createSecret(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        secretPath: input.secretPath,
        secretName: input.secretName,
        secretValue: input.secretValue,
      },
      signal,
    );
    return { secret: toSecretOutput(secret, input.secretPath) };
  },
});
