import type { InfisicalClient } from '../infisical-client.js';

/** A secret tag as Infisical's tag routes return it. */
export interface ApiTag {
  id: string;
  slug: string;
  name?: string;
  color?: string | null;
  projectId?: string;
  createdAt?: string;
}

const TAGS_ROUTE = '/api/v1/projects/:projectId/tags';

export function listTags(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return client.request<{ tags: ApiTag[] }>({
    method: 'GET',
    path: TAGS_ROUTE,
    params: { projectId: params.projectId },
    operation: 'tags.list',
    signal,
  });
}

export function createTag(
  client: InfisicalClient,
  params: { projectId: string; slug: string; color: string },
  signal?: AbortSignal,
) {
  return client.request<{ tag: ApiTag }>({
    method: 'POST',
    path: TAGS_ROUTE,
    params: { projectId: params.projectId },
    operation: 'tags.create',
    body: { slug: params.slug, color: params.color },
    signal,
  });
}

export function deleteTag(
  client: InfisicalClient,
  params: { projectId: string; tagId: string },
  signal?: AbortSignal,
) {
  return client.request<{ tag: ApiTag }>({
    method: 'DELETE',
    path: `${TAGS_ROUTE}/:tagId`,
    params: { projectId: params.projectId, tagId: params.tagId },
    operation: 'tags.delete',
    signal,
  });
}
