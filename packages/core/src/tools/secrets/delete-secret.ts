import { Type } from '@sinclair/typebox';
import { deleteSecret } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretNameArg, secretPathArg } from '../schema.js';

export const deleteSecretTool = defineTool({
  name: 'delete-secret',
  title: 'Delete secret',
  description: 'Delete one secret; its value is gone for every service reading it.',
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environmentSlug', 'secretPath', { secretNames: ['secretName'] }),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretName: secretNameArg('Name of the secret to delete.'),
    secretPath: secretPathArg(),
  }),
  outputSchema: Type.Object({
    deleted: Type.Object(
      {
        secretKey: Type.String({ description: 'Name of the deleted secret.' }),
        secretPath: Type.String({ description: 'Folder path it was deleted from.' }),
        environment: Type.String({ description: 'Environment slug.' }),
        version: Type.Number({ description: 'Last version before deletion.' }),
      },
      { description: 'The secret that was deleted (its value is not repeated).' },
    ),
  }),
  async handler(input, { infisical, signal }) {
    const { secret } = await deleteSecret(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        secretPath: input.secretPath,
        secretName: input.secretName,
      },
      signal,
    );
    return {
      deleted: {
        secretKey: secret.secretKey,
        secretPath: secret.secretPath ?? input.secretPath,
        environment: secret.environment,
        version: secret.version,
      },
    };
  },
});
