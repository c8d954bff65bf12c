import { Type } from '@sinclair/typebox';
import { updateEnvironment } from '../../infisical/api/environments-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, projectIdArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';
import { EnvironmentOutput, environmentIdArg, toEnvironmentOutput } from './environment-output.js';

export const updateEnvironmentTool = defineTool({
  name: 'update-environment',
  title: 'Update environment',
  description:
    'Rename an environment or change its slug or place in the order. A new slug breaks whoever uses the old one: check with the user.',
  toolset: 'environments',
  annotations: CHANGES_OR_REMOVES,
  target: {
    reach: 'environments',
    project: 'projectId',
    environmentById: 'environmentId',
    newEnvironmentSlug: 'slug',
    confirmName: 'environment',
  },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentId: environmentIdArg('to change'),
    name: Type.Optional(Type.String({ minLength: 1, description: 'New display name.' })),
    slug: Type.Optional(
      Identifier('newSlug', {
        maxLength: 64,
        description: 'New slug.',
      }),
    ),
    position: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'New place in the order, 1 first.',
      }),
    ),
  }),
  outputSchema: Type.Object({ environment: EnvironmentOutput, projectId: Type.String() }),
  async handler(input, { infisical, signal }) {
    const { projectId, environmentId, ...changes } = input;
    if (Object.keys(changes).length === 0) {
      throw new ToolInputError('Nothing to change: pass at least one of name, slug or position.');
    }
    const { environment } = await updateEnvironment(
      infisical,
      { projectId, environmentId, changes },
      signal,
    );
    return { environment: toEnvironmentOutput(environment), projectId };
  },
});
