import { Type } from '@sinclair/typebox';
import { listProjects, PROJECT_TYPES } from '../../infisical/api/projects-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { StringEnum } from '../schema.js';
import { ProjectOutput, toProjectOutput } from './project-output.js';

export const listProjectsTool = defineTool({
  name: 'list-projects',
  title: 'List projects',
  description: 'List the projects you can access with their IDs and environment slugs. Start here.',
  toolset: 'projects',
  annotations: READS,
  inputSchema: Type.Object({
    type: StringEnum([...PROJECT_TYPES, 'all'], {
      default: 'all',
      description: 'Only list projects of this type.',
    }),
  }),
  outputSchema: Type.Object({ projects: Type.Array(ProjectOutput) }),
  async handler(input, { infisical, signal }) {
    const { projects } = await listProjects(
      infisical,
      { type: input.type === 'all' ? undefined : input.type },
      signal,
    );
    return { projects: projects.map(toProjectOutput) };
  },
});
