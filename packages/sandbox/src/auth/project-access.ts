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
