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

const tagsPath = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/tags`;

export function listTags(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return client.request<{ tags: ApiTag[] }>({
    method: 'GET',
    path: tagsPath(params.projectId),
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
    path: tagsPath(params.projectId),
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
    path: `${tagsPath(params.projectId)}/${encodeURIComponent(params.tagId)}`,
    operation: 'tags.delete',
    signal,
  });
}
