import { Type } from '@sinclair/typebox';
import { listIdentityMemberships } from '../../infisical/api/memberships-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { projectIdArg } from '../schema.js';
import { RoleSlugs, roleSlugsOf } from './membership-arguments.js';

export const listProjectIdentitiesTool = defineTool({
  name: 'list-project-identities',
  title: 'List project machine identities',
  description:
    'List the machine identities with access to a project and their roles, with the identityId other member tools take.',
  toolset: 'access',
  annotations: READS,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    identities: Type.Array(
      Type.Object({
        identityId: Type.String(),
        name: Type.String(),
        membershipId: Type.String({ description: 'ID of this project membership.' }),
        authMethods: Type.Optional(Type.Array(Type.String())),
        roles: RoleSlugs,
      }),
    ),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const memberships = await listIdentityMemberships(
      infisical,
      { projectId: input.projectId },
      signal,
    );
    const page = paginate(memberships, input);
    return {
      identities: page.items.map((membership) => ({
        identityId: membership.identityId,
        name: membership.identity.name,
        membershipId: membership.id,
        ...(membership.identity.authMethods
          ? { authMethods: membership.identity.authMethods }
          : {}),
        roles: roleSlugsOf(membership.roles),
      })),
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
