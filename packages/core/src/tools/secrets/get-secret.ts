import { Type } from '@sinclair/typebox';
import { getSecret } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';
import { SecretOutput, toSecretOutput } from './secret-output.js';

export const getSecretTool = defineTool({
  name: 'get-secret',
  title: 'Get secret',
  description: 'Read one secret with its value; version reads an earlier one.',
  toolset: 'secrets',
  annotations: READS,
  target: folderTarget('environmentSlug', 'secretPath', { secretNames: ['secretName'] }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretName: secretNameArg('Name of the secret to read.'),
    secretPath: secretPathArg(),
    expandSecretReferences: Type.Boolean({
      default: true,
      description: 'Resolve ${OTHER_KEY} references in the value.',
    }),
    includeImports: Type.Boolean({
      default: true,
      description: "Also look in the folder's imports.",
    }),
    version: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Earlier version to read (1 is the first).',
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
