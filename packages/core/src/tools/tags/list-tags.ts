import { Type } from '@sinclair/typebox';
import { listTags } from '../../infisical/api/tags-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';
import { TagOutput, toTagOutput } from './tag-output.js';

export const listTagsTool = defineTool({
  name: 'list-tags',
  title: 'List tags',
  description:
    "List a project's tags (id, slug, colour): the slugs secret tools filter on and set.",
  toolset: 'tags',
  annotations: READS,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({ projectId: projectIdArg() }),
  outputSchema: Type.Object({ tags: Type.Array(TagOutput) }),
  async handler(input, { infisical, signal }) {
    const { tags } = await listTags(infisical, { projectId: input.projectId }, signal);
    return { tags: tags.map(toTagOutput) };
  },
});
