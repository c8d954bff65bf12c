import { Type } from '@sinclair/typebox';
import { removeMembership } from '../../infisical/api/memberships-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { projectIdArg } from '../schema.js';
import { membershipTargetArgs, membershipTargetOf } from './membership-arguments.js';

export const removeProjectMemberTool = defineTool({
  name: 'remove-project-member',
  title: 'Remove a project member',
  description:
    "Remove a user or machine identity from a project. Removing this server's own identity locks it out.",
  toolset: 'access',
  annotations: CHANGES_OR_REMOVES,
  target: { reach: 'project', project: 'projectId', confirmName: ['membershipId', 'identityId'] },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    ...membershipTargetArgs('to remove'),
  }),
  outputSchema: Type.Object({
    removed: Type.Object({
      kind: Type.Union([Type.Literal('user'), Type.Literal('identity')]),
      membershipId: Type.Optional(Type.String({ description: 'ID of the removed membership.' })),
      userId: Type.Optional(Type.String()),
      identityId: Type.Optional(Type.String()),
    }),
  }),
  async handler(input, { infisical, signal }) {
    const target = membershipTargetOf(input);
    const answer = await removeMembership(
      infisical,
      { projectId: input.projectId, target },
      signal,
    );
    if ('identityId' in target) {
      return {
        removed: {
          kind: 'identity' as const,
          identityId: target.identityId,
          ...(answer.identityMembership?.id ? { membershipId: answer.identityMembership.id } : {}),
        },
      };
    }
    return {
      removed: {
        kind: 'user' as const,
        membershipId: answer.membership?.id ?? target.membershipId,
        ...(answer.membership?.userId ? { userId: answer.membership.userId } : {}),
      },
    };
  },
});
