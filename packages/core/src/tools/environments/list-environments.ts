import { Type } from '@sinclair/typebox';
import { getProject } from '../../infisical/api/projects-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';

export const listEnvironmentsTool = defineTool({
  name: 'list-environments',
  title: 'List environments',
  description: "List a project's environments and their slugs, in display order.",
  toolset: 'environments',
  annotations: READS,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({ projectId: projectIdArg() }),
  outputSchema: Type.Object({
    projectId: Type.String(),
    environments: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String({ description: 'Display name, e.g. "Development".' }),
        slug: Type.String({ description: 'Slug other tools take, e.g. "dev".' }),
      }),
    ),
  }),
  // Infisical has no environment list route: the project carries its environments.
  async handler(input, { infisical, signal }) {
    const { project } = await getProject(infisical, { projectId: input.projectId }, signal);
    return {
      projectId: project.id,
      environments: (project.environments ?? []).map(({ id, name, slug }) => ({ id, name, slug })),
    };
  },
});
