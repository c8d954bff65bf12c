import type { InfisicalClient } from '../infisical-client.js';
import type { InfisicalRequest } from '../infisical-http.js';
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

const PROJECT_ROUTE = '/api/v1/projects/:projectId';

export function listUserMemberships(
  client: InfisicalClient,
  params: { projectId: string },
  signal?: AbortSignal,
) {
  return client.request<{ memberships: ApiUserMembership[] }>({
    method: 'GET',
    path: `${PROJECT_ROUTE}/memberships`,
    params: { projectId: params.projectId },
    operation: 'memberships.list-users',
    signal,
  });
}

/**
 * The current identity-membership routes (Infisical's `identity-project-membership-router.ts`);
 * they replace the deprecated `/api/v1/projects/:projectId/identity-memberships[/:identityId]`.
 */
const IDENTITY_MEMBERSHIPS_ROUTE = `${PROJECT_ROUTE}/memberships/identities`;

/** Every identity membership; the route pages with offset and limit (at most 1000 a page). */
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
      path: IDENTITY_MEMBERSHIPS_ROUTE,
      params: { projectId: params.projectId },
      operation: 'memberships.list-identities',
      query: { offset, limit },
      signal,
    });
    return { items: page.identityMemberships, totalCount: page.totalCount };
  });
}

/** Who a membership change is about: a user membership by its id, or a machine identity. */
export type MembershipTarget = { membershipId: string } | { identityId: string };

function memberRoute(
  projectId: string,
  target: MembershipTarget,
): Pick<InfisicalRequest, 'path' | 'params'> {
  return 'membershipId' in target
    ? {
        path: `${PROJECT_ROUTE}/memberships/:membershipId`,
        params: { projectId, membershipId: target.membershipId },
      }
    : {
        path: `${IDENTITY_MEMBERSHIPS_ROUTE}/:identityId`,
        params: { projectId, identityId: target.identityId },
      };
}

/**
 * A user membership's update answers with its `roles`; an identity membership's (current route)
 * answers with the bare `identityMembership` row and no roles.
 */
export function updateMembershipRoles(
  client: InfisicalClient,
  params: { projectId: string; target: MembershipTarget; roles: string[] },
  signal?: AbortSignal,
) {
  return client.request<{
    roles?: ApiMembershipRole[];
    identityMembership?: { id: string; identityId?: string };
  }>({
    method: 'PATCH',
    ...memberRoute(params.projectId, params.target),
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
    ...memberRoute(params.projectId, params.target),
    operation:
      'membershipId' in params.target ? 'memberships.remove-user' : 'memberships.remove-identity',
    signal,
  });
}
