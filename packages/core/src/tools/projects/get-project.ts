import { Type } from '@sinclair/typebox';
import { getProject } from '../../infisical/api/projects-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';
import { ProjectOutput, toProjectOutput } from './project-output.js';

export const getProjectTool = defineTool({
  name: 'get-project',
  title: 'Get project',
  description:
    'Read one Infisical project: its name, slug, type and environments (with the slugs other tools take). Use list-projects first if you do not know the project ID.',
  toolset: 'projects',
  annotations: READS,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({ projectId: projectIdArg() }),
  outputSchema: Type.Object({ project: ProjectOutput }),
  async handler(input, { infisical, signal }) {
    const { project } = await getProject(infisical, { projectId: input.projectId }, signal);
    return { project: toProjectOutput(project) };
  },
});
