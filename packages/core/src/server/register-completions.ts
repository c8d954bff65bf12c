import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CompleteRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { getProject, listProjects } from '../infisical/api/projects-api.js';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import type { Logger } from '../logger.js';

/** The spec's limit on values in one completion answer. */
const MAX_COMPLETIONS = 100;

/** Arguments that name an environment of the project given as `projectId`. */
const ENVIRONMENT_ARGUMENTS = new Set(['environmentSlug', 'baselineEnvironmentSlug']);

/**
 * Adds completion/complete for the arguments of prompts and resource templates that name a
 * project or an environment (the `completions` capability comes with the catalogue). Completion is a
 * convenience: when Infisical fails, the answer is an empty list rather than an error.
 */
export function registerCompletions(
  server: Server,
  options: {
    client: InfisicalClient;
    logger: Logger;
    /** Argument names of the served prompts and resource templates, by reference. */
    completable: (ref: { type: string; name?: string; uri?: string }) => ReadonlySet<string>;
    servedToolNames: ReadonlySet<string>;
  },
): void {
  const { client, logger, servedToolNames, completable } = options;

  server.setRequestHandler(CompleteRequestSchema, async (request, extra) => {
    const { ref, argument, context } = request.params;
    const typed = argument.value.toLowerCase();
    const startsWithTyped = (...names: string[]) =>
      names.some((name) => name.toLowerCase().startsWith(typed));
    const candidates = async (infisical: InfisicalClient): Promise<string[]> => {
      if (!completable(ref).has(argument.name)) return [];
      if (argument.name === 'projectId' && servedToolNames.has('list-projects')) {
        const { projects } = await listProjects(infisical, {}, extra.signal);
        // People remember a project by name: typing its name or slug suggests its ID.
        return projects
          .filter((project) => startsWithTyped(project.id, project.slug, project.name))
          .map((project) => project.id);
      }
      const projectId = context?.arguments?.projectId;
      if (
        ENVIRONMENT_ARGUMENTS.has(argument.name) &&
        projectId &&
        servedToolNames.has('get-project')
      ) {
        const { project } = await getProject(infisical, { projectId }, extra.signal);
        return (project.environments ?? [])
          .filter((environment) => startsWithTyped(environment.slug, environment.name))
          .map((environment) => environment.slug);
      }
      return [];
    };
    try {
      const matching = await client.forCall(candidates);
      return {
        completion: {
          values: matching.slice(0, MAX_COMPLETIONS),
          total: matching.length,
          hasMore: matching.length > MAX_COMPLETIONS,
        },
      };
    } catch (error) {
      logger.debug({ err: error, argument: argument.name }, 'completion failed');
      return { completion: { values: [], total: 0, hasMore: false } };
    }
  });
}
