import { type Static, Type } from '@sinclair/typebox';
import type { ApiProject } from '../../infisical/api/projects-api.js';

export const ProjectOutput = Type.Object(
  {
    id: Type.String({ description: 'Project ID, the projectId other tools take.' }),
    name: Type.String({ description: 'Project name.' }),
    slug: Type.String({ description: 'Project slug.' }),
    type: Type.String({ description: 'Project type, e.g. "secret-manager".' }),
    description: Type.Optional(Type.String({ description: 'Project description.' })),
    environments: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String({ description: 'Environment name, e.g. "Development".' }),
        slug: Type.String({ description: 'Environment slug other tools take, e.g. "dev".' }),
      }),
      { description: "The project's environments, in display order." },
    ),
  },
  { description: 'An Infisical project.' },
);
export type ProjectOutput = Static<typeof ProjectOutput>;

export function toProjectOutput(project: ApiProject): ProjectOutput {
  return {
    id: project.id,
    name: project.name,
    slug: project.slug,
    type: project.type ?? 'secret-manager',
    ...(project.description ? { description: project.description } : {}),
    environments: (project.environments ?? []).map(({ id, name, slug }) => ({ id, name, slug })),
  };
}
