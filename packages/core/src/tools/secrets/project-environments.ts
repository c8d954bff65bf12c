import { getProject } from '../../infisical/api/projects-api.js';
import type { InfisicalClient } from '../../infisical/infisical-client.js';
import { ToolInputError } from '../tool-input-error.js';

/**
 * The slugs to work on, checked against the project's environments: Infisical answers a list in
 * an unknown environment as if the folder were missing (a 404, or an empty list before its PR
 * #4419), which a comparison or search would report as a missing folder or "no secrets".
 * Without `wanted`, every environment of the project, in the project's order.
 */
export async function projectEnvironmentSlugs(
  infisical: InfisicalClient,
  projectId: string,
  wanted: readonly string[] | undefined,
  signal: AbortSignal,
): Promise<string[]> {
  const { project } = await getProject(infisical, { projectId }, signal);
  const known = (project.environments ?? []).map((environment) => environment.slug);
  if (!wanted) return known;
  const unknown = wanted.filter((slug) => !known.includes(slug));
  if (unknown.length > 0) {
    throw new ToolInputError(
      `Unknown environment slug(s): ${unknown.join(', ')}. This project has: ${known.join(', ') || 'none'}.`,
    );
  }
  return [...new Set(wanted)];
}
