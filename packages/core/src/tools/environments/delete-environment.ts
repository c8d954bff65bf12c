import { Type } from '@sinclair/typebox';
import { deleteEnvironment } from '../../infisical/api/environments-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';
import { EnvironmentOutput, environmentIdArg, toEnvironmentOutput } from './environment-output.js';

export const deleteEnvironmentTool = defineTool({
  name: 'delete-environment',
  title: 'Delete environment',
  description: 'Permanently delete an environment with all its folders and secrets.',
  toolset: 'environments',
  annotations: CHANGES_OR_REMOVES,
  target: {
    reach: 'environments',
    project: 'projectId',
    environmentById: 'environmentId',
    confirmName: 'environment',
  },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentId: environmentIdArg('to delete'),
  }),
  outputSchema: Type.Object({ deleted: EnvironmentOutput, projectId: Type.String() }),
  async handler(input, { infisical, signal }) {
    const { environment } = await deleteEnvironment(infisical, input, signal);
    return { deleted: toEnvironmentOutput(environment), projectId: input.projectId };
  },
});
