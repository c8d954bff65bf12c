import { Type } from '@sinclair/typebox';
import { updateProject } from '../../infisical/api/projects-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';

export const updateProjectTool = defineTool({
  name: 'update-project',
  title: 'Update project',
  description: "Change a project's name, description, slug or delete protection.",
  toolset: 'projects',
  annotations: CHANGES_OR_REMOVES,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'New project name.' }),
    ),
    description: Type.Optional(
      Type.String({ maxLength: 1024, description: 'New description; "" clears it.' }),
    ),
    slug: Type.Optional(
      Type.String({
        maxLength: 64,
        pattern: '^[a-z0-9]+(?:[_-][a-z0-9]+)*$',
        description: 'New slug, unique in the organization.',
      }),
    ),
    hasDeleteProtection: Type.Optional(
      Type.Boolean({ description: 'When true, delete-project refuses to delete the project.' }),
    ),
  }),
  outputSchema: Type.Object({
    project: Type.Object({
      id: Type.String(),
      name: Type.String(),
      slug: Type.String(),
      description: Type.Optional(Type.String()),
      hasDeleteProtection: Type.Optional(Type.Boolean()),
    }),
  }),
  async handler(input, { infisical, signal }) {
    const { projectId, ...changes } = input;
    if (Object.keys(changes).length === 0) {
      throw new ToolInputError(
        'Nothing to change: pass at least one of name, description, slug or hasDeleteProtection.',
      );
    }
    const { project } = await updateProject(infisical, { projectId, changes }, signal);
    return {
      project: {
        id: project.id,
        name: project.name,
        slug: project.slug,
        ...(project.description ? { description: project.description } : {}),
        ...(typeof project.hasDeleteProtection === 'boolean'
          ? { hasDeleteProtection: project.hasDeleteProtection }
          : {}),
      },
    };
  },
});
