import type { InfisicalClient } from '../infisical-client.js';

export const PROJECT_TYPES = [
  'secret-manager',
  'cert-manager',
  'kms',
  'secret-scanning',
  'pam',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export interface ApiProject {
  id: string;
  name: string;
  slug: string;
  type?: string;
  description?: string | null;
  orgId?: string;
  hasDeleteProtection?: boolean;
  createdAt?: string;
  environments?: { id: string; name: string; slug: string }[];
}

export function listProjects(
  client: InfisicalClient,
  params: { type?: ProjectType },
  signal?: AbortSignal,
) {
  return client.request<{ projects: ApiProject[] }>({
    method: 'GET',
    path: '/api/v1/projects',
    operation: 'projects.list',
    query: { type: params.type },
    signal,
  });
}

export function getProject(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return client.request<{ project: ApiProject }>({
    method: 'GET',
    path: '/api/v1/projects/:projectId',
    params: { projectId: params.projectId },
    operation: 'projects.get',
    signal,
  });
}

export function createProject(
  client: InfisicalClient,
  params: {
    projectName: string;
    type: ProjectType;
    description?: string;
    slug?: string;
    template?: string;
    kmsKeyId?: string;
  },
  signal?: AbortSignal,
) {
  return client.request<{ project: ApiProject }>({
    method: 'POST',
    path: '/api/v1/projects',
    operation: 'projects.create',
    body: {
      projectName: params.projectName,
      projectDescription: params.description,
      slug: params.slug,
      template: params.template,
      kmsKeyId: params.kmsKeyId,
      type: params.type,
    },
    signal,
  });
}

export function inviteProjectMembers(
  client: InfisicalClient,
  params: { projectId: string; emails: string[]; usernames: string[]; roleSlugs?: string[] },
  signal?: AbortSignal,
) {
  return client.request<{
    memberships: { id: string; userId?: string; projectId?: string }[];
  }>({
    method: 'POST',
    path: '/api/v1/projects/:projectId/memberships',
    params: { projectId: params.projectId },
    operation: 'projects.invite-members',
    body: { emails: params.emails, usernames: params.usernames, roleSlugs: params.roleSlugs },
    signal,
  });
}

export interface ProjectChanges {
  name?: string;
  description?: string;
  slug?: string;
  hasDeleteProtection?: boolean;
}

/** Answers with the sanitized project, which has no environments. */
export function updateProject(
  client: InfisicalClient,
  params: { projectId: string; changes: ProjectChanges },
  signal?: AbortSignal,
) {
  return client.request<{ project: ApiProject }>({
    method: 'PATCH',
    path: '/api/v1/projects/:projectId',
    params: { projectId: params.projectId },
    operation: 'projects.update',
    body: params.changes,
    signal,
  });
}

export function deleteProject(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return client.request<{ project?: ApiProject }>({
    method: 'DELETE',
    path: '/api/v1/projects/:projectId',
    params: { projectId: params.projectId },
    operation: 'projects.delete',
    signal,
  });
}
