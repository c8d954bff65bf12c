import { Type } from '@sinclair/typebox';
import { deleteProject } from '../../infisical/api/projects-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';

export const deleteProjectTool = defineTool({
  name: 'delete-project',
  title: 'Delete project',
  description:
    'Permanently delete a project and everything in it. Fails while delete protection is on.',
  toolset: 'projects',
  annotations: CHANGES_OR_REMOVES,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({ projectId: projectIdArg() }),
  outputSchema: Type.Object({
    deleted: Type.Object(
      { id: Type.String(), name: Type.String(), slug: Type.String() },
      { description: 'The project that was deleted.' },
    ),
  }),
  async handler(input, { infisical, signal }) {
    const { project } = await deleteProject(infisical, { projectId: input.projectId }, signal);
    return {
      deleted: {
        id: project?.id ?? input.projectId,
        name: project?.name ?? '',
        slug: project?.slug ?? '',
      },
    };
  },
});
