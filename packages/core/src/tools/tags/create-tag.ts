import { Type } from '@sinclair/typebox';
import { createTag } from '../../infisical/api/tags-api.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, projectIdArg } from '../schema.js';
import { TagOutput, toTagOutput } from './tag-output.js';

export const createTagTool = defineTool({
  name: 'create-tag',
  title: 'Create tag',
  description: 'Create a tag in a project to group secrets, e.g. "backend".',
  toolset: 'tags',
  annotations: CREATES,
  target: { reach: 'outside-environments', project: 'projectId', confirmName: ['slug'] },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    slug: Identifier('slug', {
      maxLength: 64,
      description: 'Tag slug, e.g. "backend".',
    }),
    color: Type.String({
      default: '#6b7280',
      minLength: 1,
      description: 'Display colour, e.g. "#3b82f6".',
    }),
  }),
  outputSchema: Type.Object({ tag: TagOutput }),
  async handler(input, { infisical, signal }) {
    const { tag } = await createTag(infisical, input, signal);
    return { tag: toTagOutput(tag) };
  },
});
