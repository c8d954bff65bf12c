import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess } from '../auth/project-access.js';
import { ProjectPermission } from '../auth/project-permission.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import {
  LIST_SNAPSHOTS_RESPONSE,
  SNAPSHOT_COUNT_RESPONSE,
  SNAPSHOT_RESPONSE,
} from '../responses/snapshot-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { normalizeSecretPath } from '../state/secret-path.js';
import { readPart } from '../validation/input-reader.js';
import { snapshotDetailView, snapshotView } from '../views/snapshot-view.js';

/**
 * Mirrors backend/src/ee/routes/v1/snapshot-router.ts and the project snapshot routes of
 * backend/src/server/routes/v1/project-router.ts, served by
 * backend/src/ee/services/secret-snapshot/secret-snapshot-service.ts.
 *
 * Legacy secret snapshots of a folder: `GET /api/v1/projects/:projectId/secret-snapshots` (newest
 * first, offset and limit), its `/count`, and one snapshot's contents at
 * `GET /api/v1/secret-snapshot/:id`. Infisical retired the snapshot rollback route in
 * favour of point-in-time commits, which only user logins may call, so neither is modelled.
 */
export function registerSnapshotRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  const snapshotsOf = (request: FastifyRequest) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
    const query = readPart(request.query, (input) => ({
      environment: input.string('environment'),
      path: normalizeSecretPath(input.optionalString('path') || '/'),
      offset: input.optionalNumber('offset', { coerce: true }) ?? 0,
      limit: input.optionalNumber('limit', { coerce: true }) ?? 20,
    }));
    const identityId = identityOf(request).id;
    const project = requireProjectAccess(state, identityId, params.projectId);
    // listSnapshots and projectSecretSnapshotCount: commits read, then describe on the folder.
    const permission = ProjectPermission.of(project, identityId);
    const fields = { environment: query.environment, secretPath: query.path };
    permission.require('read', 'commits', fields);
    permission.requireSecretAccess('describeSecret', fields);
    const folder = state.findFolder(project, query.environment, query.path);
    if (!folder) {
      throw notFound(
        `Folder with path '${query.path}' not found in environment with slug '${query.environment}'`,
      );
    }
    return { query, snapshots: state.snapshots.listFor(folder.id) };
  };

  const listing = { onRequest, schema: { response: LIST_SNAPSHOTS_RESPONSE } };
  app.get('/api/v1/projects/:projectId/secret-snapshots', listing, async (request) => {
    const { query, snapshots } = snapshotsOf(request);
    return {
      secretSnapshots: snapshots.slice(query.offset, query.offset + query.limit).map(snapshotView),
    };
  });

  const snapshotRead = { onRequest, schema: { response: SNAPSHOT_RESPONSE } };
  app.get('/api/v1/secret-snapshot/:secretSnapshotId', snapshotRead, async (request) => {
    const params = readPart(request.params, (input) => ({
      secretSnapshotId: input.string('secretSnapshotId'),
    }));
    const snapshot = state.snapshots.find(params.secretSnapshotId);
    const environment = snapshot && state.findEnvironmentById(snapshot.envId);
    if (!snapshot || !environment) {
      throw notFound(`Snapshot with ID '${params.secretSnapshotId}' not found`);
    }
    const identityId = identityOf(request).id;
    const project = requireProjectAccess(state, identityId, environment.projectId);
    // getSnapshotData: commits read on the folder; each value masked unless the role may read it.
    const permission = ProjectPermission.of(project, identityId);
    const fields = { environment: environment.slug, secretPath: snapshot.folderPath };
    permission.require('read', 'commits', fields);
    const canReadValue = permission.canAccessSecret('readValue', fields);
    return { secretSnapshot: snapshotDetailView(snapshot, environment, canReadValue) };
  });

  const counting = { onRequest, schema: { response: SNAPSHOT_COUNT_RESPONSE } };
  app.get('/api/v1/projects/:projectId/secret-snapshots/count', counting, async (request) => ({
    count: snapshotsOf(request).snapshots.length,
  }));
}
