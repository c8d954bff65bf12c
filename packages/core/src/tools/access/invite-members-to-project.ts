import { Type } from '@sinclair/typebox';
import { inviteProjectMembers } from '../../infisical/api/projects-api.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, projectIdArg } from '../schema.js';
import { ToolInputError } from '../tool-input-error.js';

export const inviteMembersToProjectTool = defineTool({
  name: 'invite-members-to-project',
  title: 'Invite members to project',
  description:
    'Invite people to a project by email or username, and to the organization if needed.',
  toolset: 'access',
  annotations: CREATES,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    emails: Type.Array(Identifier('email', { maxLength: 320 }), {
      default: [],
      description: 'Emails to invite.',
    }),
    usernames: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'Usernames to invite.',
    }),
    roleSlugs: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: 'Roles, e.g. ["viewer"]; ask the user if unsure.',
      }),
    ),
  }),
  outputSchema: Type.Object({
    memberships: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Project membership ID.' }),
        userId: Type.Optional(Type.String()),
      }),
    ),
  }),
  async handler(input, { infisical, signal }) {
    if (input.emails.length === 0 && input.usernames.length === 0) {
      throw new ToolInputError('Give at least one email or username to invite.');
    }
    // Infisical rejects upper-case emails and usernames; addresses are case-insensitive anyway.
    const { memberships } = await inviteProjectMembers(
      infisical,
      {
        projectId: input.projectId,
        emails: input.emails.map((email) => email.toLowerCase()),
        usernames: input.usernames.map((username) => username.toLowerCase()),
        roleSlugs: input.roleSlugs,
      },
      signal,
    );
    return {
      memberships: memberships.map(({ id, userId }) => ({ id, ...(userId ? { userId } : {}) })),
    };
  },
});
