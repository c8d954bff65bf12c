import { type Static, Type } from '@sinclair/typebox';
import type { ApiTag } from '../../infisical/api/tags-api.js';

export const TagOutput = Type.Object(
  {
    id: Type.String({ description: 'Infisical ID of the tag.' }),
    slug: Type.String({ description: 'Slug of the tag, as tagSlugs arguments take it.' }),
    color: Type.Optional(Type.String({ description: 'Display colour, e.g. "#3b82f6".' })),
  },
  { description: 'A secret tag of the project.' },
);
export type TagOutput = Static<typeof TagOutput>;

export function toTagOutput(tag: ApiTag): TagOutput {
  return { id: tag.id, slug: tag.slug, ...(tag.color ? { color: tag.color } : {}) };
}
