import { getProject } from '../infisical/api/projects-api.js';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import type { EnvironmentSlugLookup } from '../safety/call-target.js';
import { ToolInputError } from '../tools/tool-input-error.js';

/**
 * Resolves an environment ID to the slug it has now, with one read of its project: a call
 * that names an environment by ID is judged by the environment it really is, so renaming or
 * deleting `prod` by its ID is protected like writing to `prod` by its slug.
 */
export function environmentSlugLookup(
  infisical: InfisicalClient,
  signal: AbortSignal,
): EnvironmentSlugLookup {
  return async (projectId, environmentId) => {
    const { project } = await getProject(infisical, { projectId }, signal);
    const wanted = environmentId.toLowerCase();
    const environment = project.environments?.find((each) => each.id.toLowerCase() === wanted);
    if (!environment) {
      throw new ToolInputError(
        `Project "${projectId}" has no environment with ID "${environmentId}"; nothing was changed. list-environments shows its environments and their IDs.`,
      );
    }
    return environment.slug;
  };
}
