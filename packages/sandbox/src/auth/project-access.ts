import { permissionDenied } from '../errors/infisical-errors.js';
import type { Project } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';

/**
 * The project, if the identity is a member. An unknown id is a 404 here, which is clearer than
 * Infisical's answer (it cannot tell "no such project" from "not a member").
 */
export function requireProjectAccess(
  state: SandboxState,
  identityId: string,
  projectId: string,
): Project {
  const project = state.requireProject(projectId);
  if (!state.isProjectMember(project, identityId)) {
    throw permissionDenied(
      `Identity is not a member of the specified project with ID '${projectId}'`,
    );
  }
  return project;
}

/**
 * The project, if the identity is one of its admins: only admins manage who has access, as with
 * Infisical's built-in roles (members and viewers cannot edit memberships).
 */
export function requireProjectAdmin(
  state: SandboxState,
  identityId: string,
  projectId: string,
): Project {
  const project = requireProjectAccess(state, identityId, projectId);
  const caller = project.members.find(
    (member) => member.kind === 'identity' && member.identityId === identityId,
  );
  if (!caller?.roles.includes('admin')) {
    throw permissionDenied('You are not allowed to edit the members of this project');
  }
  return project;
}
