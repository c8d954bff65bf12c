import { Type } from '@sinclair/typebox';
import { getSecret } from '../../infisical/api/secrets-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import { SecretOutput, toSecretOutput } from './secret-output.js';

export const getSecretTool = defineTool({
  name: 'get-secret',
  title: 'Get secret',
  description:
    'Read one secret, with its value, from an Infisical project environment. Give version to read an earlier version of it (versions start at 1 and grow by one on every change).',
  toolset: 'secrets',
  annotations: READS,
  target: {
    reach: 'environments',
    project: 'projectId',
    environments: ['environmentSlug'],
    paths: ['secretPath'],
    secretNames: ['secretName'],
  },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretName: secretNameArg('Name of the secret to read.'),
    secretPath: secretPathArg(),
    expandSecretReferences: Type.Boolean({
      default: true,
      description: 'Replace references such as ${OTHER_KEY} in the value with what they point to.',
    }),
    includeImports: Type.Boolean({
      default: true,
      description:
        "If the secret is not in the folder itself, look for it among the folder's imports.",
    }),
    version: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Version to read, e.g. 1 for the first value. Omit for the current version.',
      }),
    ),
  }),
  outputSchema: Type.Object({ secret: SecretOutput }),
  async handler(input, { infisical, signal }) {
    const { secret } = await getSecret(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        secretPath: input.secretPath,
        secretName: input.secretName,
        expandSecretReferences: input.expandSecretReferences,
        includeImports: input.includeImports,
        version: input.version,
      },
      signal,
    );
    return { secret: toSecretOutput(secret, input.secretPath) };
  },
});
