import type { FastifyInstance } from 'fastify';
import { requireProjectPermission } from '../auth/project-access.js';
import { requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import { LIST_TAGS_RESPONSE, TAG_RESPONSE } from '../responses/tag-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { readRequiredSlug } from '../validation/infisical-fields.js';
import { readPart } from '../validation/input-reader.js';
import { tagView } from '../views/tag-view.js';

const TAGS = '/api/v1/projects/:projectId/tags';

/**
 * Secret tags of a project: list, create, delete. Mirrors
 * backend/src/server/routes/v1/secret-tag-router.ts.
 */
export function registerTagRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);
  const readProjectId = (params: unknown) =>
    readPart(params, (input) => ({ projectId: input.string('projectId') })).projectId;

  const listing = { onRequest, schema: { response: LIST_TAGS_RESPONSE } };
  const single = { onRequest, schema: { response: TAG_RESPONSE } };
  app.get(TAGS, listing, async (request) => {
    const project = requireProjectPermission(
      state,
      request,
      readProjectId(request.params),
      'read',
      'tags',
    );
    return { tags: state.tags.list(project.id).map(tagView) };
  });

  app.post(TAGS, single, async (request) => {
    const projectId = readProjectId(request.params);
    const body = readPart(request.body, (input) => ({
      slug: readRequiredSlug(input, 'slug', { max: 64 }),
      color: input.string('color'),
    }));
    const project = requireProjectPermission(state, request, projectId, 'create', 'tags');
    return { tag: tagView(state.tags.create(project.id, body)) };
  });

  // Infisical checks access against the tag's own project, whatever the path says.
  app.delete(`${TAGS}/:tagId`, single, async (request) => {
    const { tagId } = readPart(request.params, (input) => ({ tagId: input.string('tagId') }));
    const tag = state.tags.findById(tagId);
    if (!tag) throw notFound(`Tag with ID '${tagId}' not found`);
    const project = requireProjectPermission(state, request, tag.projectId, 'delete', 'tags');
    return { tag: tagView(state.tags.delete(project, tagId)) };
  });
}
