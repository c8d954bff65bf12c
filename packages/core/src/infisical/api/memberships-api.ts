import type { InfisicalClient } from '../infisical-client.js';
import { fetchAllPages } from './fetch-all-pages.js';

/** One role of a membership; a custom role has role "custom" and its slug in customRoleSlug. */
export interface ApiMembershipRole {
  role: string;
  customRoleSlug?: string | null;
  isTemporary?: boolean;
  temporaryAccessEndTime?: string | null;
}

export interface ApiUserMembership {
  id: string;
  userId?: string;
  createdAt?: string;
  user: {
    id: string;
    email?: string | null;
    username?: string;
    firstName?: string | null;
    lastName?: string | null;
  };
  roles: ApiMembershipRole[];
}

export interface ApiIdentityMembership {
  id: string;
  identityId: string;
  createdAt?: string;
  identity: { id: string; name: string; authMethods?: string[] };
  roles: ApiMembershipRole[];
}

const projectPath = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}`;

export function listUserMemberships(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return client.request<{ memberships: ApiUserMembership[] }>({
    method: 'GET',
    path: `${projectPath(params.projectId)}/memberships`,
    operation: 'memberships.list-users',
    signal,
  });
}

/** Every identity membership; the route pages with offset and limit. */
export function listIdentityMemberships(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return fetchAllPages(1000, async (offset, limit) => {
    const page = await client.request<{
      identityMemberships: ApiIdentityMembership[];
      totalCount: number;
    }>({
      method: 'GET',
      path: `${projectPath(params.projectId)}/identity-memberships`,
      operation: 'memberships.list-identities',
      query: { offset, limit },
      signal,
    });
    return { items: page.identityMemberships, totalCount: page.totalCount };
  });
}

/** Who a membership change is about: a user membership by its id, or a machine identity. */
export type MembershipTarget = { membershipId: string } | { identityId: string };

function memberPath(projectId: string, target: MembershipTarget): string {
  return 'membershipId' in target
    ? `${projectPath(projectId)}/memberships/${encodeURIComponent(target.membershipId)}`
    : `${projectPath(projectId)}/identity-memberships/${encodeURIComponent(target.identityId)}`;
}

export function updateMembershipRoles(
  client: InfisicalClient,
  params: { projectId: string; target: MembershipTarget; roles: string[] },
  signal?: AbortSignal,
) {
  return client.request<{ roles: ApiMembershipRole[] }>({
    method: 'PATCH',
    path: memberPath(params.projectId, params.target),
    operation:
      'membershipId' in params.target ? 'memberships.update-user' : 'memberships.update-identity',
    body: { roles: params.roles.map((role) => ({ role, isTemporary: false })) },
    signal,
  });
}

export function removeMembership(
  client: InfisicalClient,
  params: { projectId: string; target: MembershipTarget },
  signal?: AbortSignal,
) {
  return client.request<{
    membership?: { id: string; userId?: string };
    identityMembership?: { id: string; identityId?: string };
  }>({
    method: 'DELETE',
    path: memberPath(params.projectId, params.target),
    operation:
      'membershipId' in params.target ? 'memberships.remove-user' : 'memberships.remove-identity',
    signal,
  });
}
