import { Type } from '@sinclair/typebox';
import { listTags } from '../../infisical/api/tags-api.js';
import type { InfisicalClient } from '../../infisical/infisical-client.js';
import { Identifier } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';

/**
 * Infisical's secret writes take tag IDs; models know tags by slug. One list call maps every
 * slug of a request, and an unknown slug stops the call before anything is written.
 */
async function resolveTagIds(
  infisical: InfisicalClient,
  projectId: string,
  slugs: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const { tags } = await listTags(infisical, { projectId }, signal);
  const idsBySlug = new Map(tags.map((tag) => [tag.slug, tag.id]));
  const unknown = [...new Set(slugs)].filter((slug) => !idsBySlug.has(slug));
  if (unknown.length > 0) {
    throw new ToolInputError(
      `Unknown tag slug(s): ${unknown.join(', ')}. list-tags shows the project's tags; create-tag adds one.`,
    );
  }
  return idsBySlug;
}

/**
 * A slug-to-IDs mapper for the tag slugs of a whole call, resolved with at most one list call
 * (none when no slug is given). An absent list stays absent: Infisical then keeps the tags.
 */
export async function tagIdMapper(
  infisical: InfisicalClient,
  projectId: string,
  slugLists: readonly (readonly string[] | undefined)[],
  signal: AbortSignal,
): Promise<(slugs: readonly string[] | undefined) => string[] | undefined> {
  const wanted = slugLists.filter((slugs) => slugs !== undefined);
  const idsBySlug =
    wanted.length > 0
      ? await resolveTagIds(infisical, projectId, wanted.flat(), signal)
      : new Map<string, string>();
  return (slugs) => slugs?.map((slug) => idsBySlug.get(slug) as string);
}

export const tagSlugsArg = (description: string) =>
  Type.Array(Identifier('slug', { maxLength: 64 }), { description });
