import { Type } from '@sinclair/typebox';
import { updateMembershipRoles } from '../../infisical/api/memberships-api.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { Identifier, projectIdArg } from '../schema.js';
import {
  membershipTargetArgs,
  membershipTargetOf,
  RoleSlugs,
  roleSlugsOf,
} from './membership-arguments.js';

export const updateProjectMembershipTool = defineTool({
  name: 'update-project-membership',
  title: 'Change a project member’s roles',
  description:
    'Replace the roles of one user (membershipId) or machine identity (identityId) in a project.',
  toolset: 'access',
  annotations: CHANGES_OR_REMOVES,
  target: { reach: 'project', project: 'projectId', confirmName: ['membershipId', 'identityId'] },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    ...membershipTargetArgs('whose roles to change'),
    roles: Type.Array(Identifier('slug', { maxLength: 64 }), {
      minItems: 1,
      description: 'Roles to hold, e.g. ["viewer"]; ask the user if unsure.',
    }),
  }),
  outputSchema: Type.Object({
    membershipId: Type.Optional(Type.String()),
    identityId: Type.Optional(Type.String()),
    roles: RoleSlugs,
  }),
  async handler(input, { infisical, signal }) {
    const target = membershipTargetOf(input);
    const { roles } = await updateMembershipRoles(
      infisical,
      { projectId: input.projectId, target, roles: input.roles },
      signal,
    );
    // An identity's update answers without roles, and a user's names a custom role only as
    // "custom": then the slugs asked for, which Infisical applied, are the truth.
    const askedAreTruth =
      !roles || roles.some((role) => role.role === 'custom' && !role.customRoleSlug);
    return { ...target, roles: askedAreTruth ? input.roles : roleSlugsOf(roles) };
  },
});
