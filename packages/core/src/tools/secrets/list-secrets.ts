import { Type } from '@sinclair/typebox';
import { listSecrets } from '../../infisical/api/secrets-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';
import { SecretOutput, toSecretOutput } from './secret-output.js';

export const listSecretsTool = defineTool({
  name: 'list-secrets',
  title: 'List secrets',
  description:
    'List the secrets, with their values, in one folder of an Infisical project environment. Secrets imported from other environments or folders are listed separately under "imports".',
  toolset: 'secrets',
  annotations: READS,
  inputSchema: Type.Object({
    projectId: projectIdArg('to list secrets from'),
    environmentSlug: environmentSlugArg('to list secrets from'),
    secretPath: secretPathArg('to list'),
    expandSecretReferences: Type.Boolean({
      default: true,
      description:
        'Replace references such as ${OTHER_KEY} or ${prod.OTHER_KEY} in values with what they point to. Defaults to true.',
    }),
    includeImports: Type.Boolean({
      default: true,
      description: 'Also return the secrets this folder imports. Defaults to true.',
    }),
  }),
  outputSchema: Type.Object({
    secrets: Type.Array(SecretOutput, { description: 'Secrets stored in the folder itself.' }),
    imports: Type.Array(
      Type.Object({
        secretPath: Type.String({ description: 'Folder path the secrets are imported from.' }),
        environment: Type.String({ description: 'Environment slug they are imported from.' }),
        secrets: Type.Array(SecretOutput),
      }),
      { description: 'Secrets imported from other folders or environments, by source.' },
    ),
  }),
  async handler(input, { infisical, signal }) {
    const result = await listSecrets(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        secretPath: input.secretPath,
        expandSecretReferences: input.expandSecretReferences,
        includeImports: input.includeImports,
      },
      signal,
    );
    return {
      secrets: result.secrets.map((secret) => toSecretOutput(secret, input.secretPath)),
      imports: (result.imports ?? []).map((entry) => ({
        secretPath: entry.secretPath,
        environment: entry.environment,
        secrets: entry.secrets.map((secret) => toSecretOutput(secret, entry.secretPath)),
      })),
    };
  },
});
