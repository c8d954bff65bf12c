import { Type } from '@sinclair/typebox';
import { createEnvironment } from '../../infisical/api/environments-api.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, projectIdArg } from '../schema.js';
import { EnvironmentOutput, toEnvironmentOutput } from './environment-output.js';

export const createEnvironmentTool = defineTool({
  name: 'create-environment',
  title: 'Create environment',
  description: 'Add an environment (e.g. "qa") to a project.',
  toolset: 'environments',
  annotations: CREATES,
  target: {
    reach: 'environments',
    project: 'projectId',
    environments: ['slug'],
    confirmName: ['slug'],
  },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    name: Type.String({ minLength: 1, description: 'Display name, e.g. "Quality Assurance".' }),
    slug: Identifier('newSlug', {
      maxLength: 64,
      description: 'Slug other tools will use, e.g. "qa".',
    }),
    position: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Place in the order, 1 first; omit for last.',
      }),
    ),
  }),
  // The seed README named these environmentName and environmentSlug.
  argumentAliases: { environmentName: 'name', environmentSlug: 'slug' },
  outputSchema: Type.Object({ environment: EnvironmentOutput, projectId: Type.String() }),
  async handler(input, { infisical, signal }) {
    const { environment } = await createEnvironment(
      infisical,
      { projectId: input.projectId, name: input.name, slug: input.slug, position: input.position },
      signal,
    );
    return { environment: toEnvironmentOutput(environment), projectId: input.projectId };
  },
});
