import type { SecretTag } from '../state/model.js';

/** Infisical's `SecretTagsSchema`, as the tag routes return it: no `name` (secrets list it). */
export function tagView(tag: SecretTag) {
  return {
    id: tag.id,
    slug: tag.slug,
    color: tag.color,
    createdAt: tag.createdAt,
    updatedAt: tag.updatedAt,
    createdBy: null,
    projectId: tag.projectId,
    createdByActorType: 'identity',
  };
}
