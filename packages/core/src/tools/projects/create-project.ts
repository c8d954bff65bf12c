import { Type } from '@sinclair/typebox';
import { createProject, PROJECT_TYPES } from '../../infisical/api/projects-api.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, StringEnum } from '../schema.js';
import { ProjectOutput, toProjectOutput } from './project-output.js';

export const createProjectTool = defineTool({
  name: 'create-project',
  title: 'Create project',
  description:
    'Create a project, with dev, staging and prod environments unless a template says otherwise.',
  toolset: 'projects',
  annotations: CREATES,
  target: { reach: 'outside-environments', confirmName: ['projectName'] },
  inputSchema: Type.Object({
    projectName: Type.String({ minLength: 1, description: 'Name of the new project.' }),
    type: StringEnum(PROJECT_TYPES, {
      description: 'Kind of project; "secret-manager" for secrets. Ask the user if unsure.',
    }),
    description: Type.Optional(Type.String({ description: 'Description of the project.' })),
    slug: Type.Optional(
      Identifier('newSlug', {
        minLength: 5,
        maxLength: 36,
        description: 'Project slug; omit to derive it from the name.',
      }),
    ),
    projectTemplate: Type.Optional(
      Identifier('newSlug', { maxLength: 64, description: 'Project template name.' }),
    ),
    kmsKeyId: Type.Optional(
      Type.String({
        description: 'KMS key ID to encrypt the project with.',
      }),
    ),
  }),
  // The seed README called the slug "workspaceSlug" and sent an organizationId, which
  // Infisical takes from the identity.
  argumentAliases: { workspaceSlug: 'slug' },
  ignoredArguments: ['organizationId'],
  outputSchema: Type.Object({ project: ProjectOutput }),
  async handler(input, { infisical, signal }) {
    const { project } = await createProject(
      infisical,
      {
        projectName: input.projectName,
        type: input.type,
        description: input.description,
        slug: input.slug,
        template: input.projectTemplate,
        kmsKeyId: input.kmsKeyId,
      },
      signal,
    );
    return { project: toProjectOutput(project) };
  },
});
