import { Type } from '@sinclair/typebox';
import { deleteTag, listTags } from '../../infisical/api/tags-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, projectIdArg, uuidArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';
import { TagOutput, toTagOutput } from './tag-output.js';

export const deleteTagTool = defineTool({
  name: 'delete-tag',
  title: 'Delete tag',
  description: 'Delete a tag by slug or ID; secrets carrying it lose it and stay.',
  toolset: 'tags',
  annotations: CHANGES_OR_REMOVES,
  target: { reach: 'project', project: 'projectId', confirmName: ['tagSlug', 'tagId'] },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    tagSlug: Type.Optional(
      Identifier('slug', {
        maxLength: 64,
        description: 'Slug of the tag to delete (or give tagId).',
      }),
    ),
    tagId: Type.Optional(uuidArg('ID of the tag to delete (or give tagSlug).')),
  }),
  outputSchema: Type.Object({ deleted: TagOutput }),
  async handler(input, { infisical, signal }) {
    if ((input.tagSlug === undefined) === (input.tagId === undefined)) {
      throw new ToolInputError('Give exactly one of tagSlug or tagId. list-tags shows both.');
    }
    let tagId = input.tagId;
    if (tagId === undefined) {
      const { tags } = await listTags(infisical, { projectId: input.projectId }, signal);
      tagId = tags.find((tag) => tag.slug === input.tagSlug)?.id;
      if (!tagId) {
        throw new ToolInputError(
          `The project has no tag "${input.tagSlug}". list-tags shows its tags.`,
        );
      }
    }
    const { tag } = await deleteTag(infisical, { projectId: input.projectId, tagId }, signal);
    return { deleted: toTagOutput(tag) };
  },
});
