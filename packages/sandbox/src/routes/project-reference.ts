import { badRequest, notFound } from '../errors/infisical-errors.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { InputReader } from '../validation/input-reader.js';

/**
 * How a route names its project. Current routes take `projectId`; the deprecated ones the SDK
 * still calls take `workspaceId`, or a slug (`workspaceSlug` in queries, `projectSlug` in bodies).
 */
export type ProjectDialect = 'current' | 'deprecated';

export interface ProjectReference {
  id?: string;
  slug?: string;
}

export function readProjectReference(
  reader: InputReader,
  dialect: ProjectDialect,
  options: { part: 'query' | 'body'; required: boolean },
): ProjectReference {
  if (dialect === 'current') {
    return {
      id: options.required ? reader.string('projectId') : reader.optionalString('projectId'),
    };
  }
  return {
    id: reader.optionalString('workspaceId'),
    slug: reader.optionalString(options.part === 'query' ? 'workspaceSlug' : 'projectSlug'),
  };
}

/** The project id a reference names; `missingMessage` is Infisical's 400 when it names none. */
export function resolveProjectId(
  state: SandboxState,
  reference: ProjectReference,
  missingMessage: string,
): string {
  if (reference.id) return reference.id;
  if (reference.slug) {
    const project = state.findProjectBySlug(reference.slug);
    if (!project) throw notFound(`No project found with slug ${reference.slug}`);
    return project.id;
  }
  throw badRequest(missingMessage);
}
