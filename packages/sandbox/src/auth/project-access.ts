import type { FastifyRequest } from 'fastify';
import { permissionDenied } from '../errors/infisical-errors.js';
import type { Project } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { type PermissionFields, ProjectPermission } from './project-permission.js';
import { identityOf } from './request-identity.js';

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
 * The project, if the identity the request authenticated is a member whose roles allow `action`
 * on `subject` (with `fields` for the subjects whose rules may be limited to an environment and
 * secret path). Infisical's services check the project membership, then `throwUnlessCan`.
 */
export function requireProjectPermission(
  state: SandboxState,
  request: FastifyRequest,
  projectId: string,
  action: string,
  subject: string,
  fields?: PermissionFields,
): Project {
  const identityId = identityOf(request).id;
  const project = requireProjectAccess(state, identityId, projectId);
  ProjectPermission.of(project, identityId).require(action, subject, fields);
  return project;
}
