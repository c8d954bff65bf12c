import { Type } from '@sinclair/typebox';
import { getProject } from '../../infisical/api/projects-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';
import { ProjectOutput, toProjectOutput } from './project-output.js';

export const getProjectTool = defineTool({
  name: 'get-project',
  title: 'Get project',
  description: 'Read one project: name, slug, type and environments.',
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
