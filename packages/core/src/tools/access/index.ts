import { inviteMembersToProjectTool } from './invite-members-to-project.js';
import { listProjectIdentitiesTool } from './list-project-identities.js';
import { listProjectMembersTool } from './list-project-members.js';
import { removeProjectMemberTool } from './remove-project-member.js';
import { updateProjectMembershipTool } from './update-project-membership.js';

export {
  inviteMembersToProjectTool,
  listProjectIdentitiesTool,
  listProjectMembersTool,
  removeProjectMemberTool,
  updateProjectMembershipTool,
};

/** Who can reach a project: people and machine identities, and their roles. */
export const accessTools = [
  inviteMembersToProjectTool,
  listProjectMembersTool,
  listProjectIdentitiesTool,
  updateProjectMembershipTool,
  removeProjectMemberTool,
];

/** @deprecated The toolset is called `access` now: use {@link accessTools}. */
export const memberTools = accessTools;
