import { answerWith, dateTime, nullableString, string } from './schema-primitives.js';

/**
 * The tag routes' answers (backend/src/server/routes/v1/secret-tag-router.ts): list, create and
 * delete return `SecretTagsSchema`, which has no `name` since Infisical dropped the column (only
 * the get-by-id and get-by-slug routes, not served here, add it back). Secrets list their tags
 * through `SanitizedTagSchema`, which keeps `name`.
 */
const tag = {
  type: 'object',
  properties: {
    id: string,
    slug: string,
    color: nullableString,
    createdAt: dateTime,
    updatedAt: dateTime,
    createdBy: nullableString,
    projectId: string,
    createdByActorType: string,
  },
  required: ['id', 'slug', 'createdAt', 'updatedAt', 'projectId', 'createdByActorType'],
} as const;

export const LIST_TAGS_RESPONSE = answerWith('tags', { type: 'array', items: tag });
export const TAG_RESPONSE = answerWith('tag', tag);
