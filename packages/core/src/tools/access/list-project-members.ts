import { Type } from '@sinclair/typebox';
import { listUserMemberships } from '../../infisical/api/memberships-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { projectIdArg } from '../schema.js';
import { RoleSlugs, roleSlugsOf } from './membership-arguments.js';

export const listProjectMembersTool = defineTool({
  name: 'list-project-members',
  title: 'List project members',
  description:
    "List a project's users and roles, with the membershipId other member tools take. Machine identities: list-project-identities.",
  toolset: 'access',
  annotations: READS,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    members: Type.Array(
      Type.Object({
        membershipId: Type.String({ description: 'ID of this project membership.' }),
        userId: Type.String(),
        email: Type.Optional(Type.String()),
        username: Type.Optional(Type.String()),
        name: Type.Optional(Type.String({ description: 'First and last name, when known.' })),
        roles: RoleSlugs,
      }),
    ),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const { memberships } = await listUserMemberships(
      infisical,
      { projectId: input.projectId },
      signal,
    );
    const page = paginate(memberships, input);
    return {
      members: page.items.map((membership) => {
        const { user } = membership;
        const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
        return {
          membershipId: membership.id,
          userId: membership.userId ?? user.id,
          ...(user.email ? { email: user.email } : {}),
          ...(user.username ? { username: user.username } : {}),
          ...(name ? { name } : {}),
          roles: roleSlugsOf(membership.roles),
        };
      }),
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
