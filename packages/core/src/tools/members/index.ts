import { inviteMembersToProjectTool } from './invite-members-to-project.js';

export { inviteMembersToProjectTool };

export const memberTools = [inviteMembersToProjectTool];
