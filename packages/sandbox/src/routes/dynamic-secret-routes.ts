import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess } from '../auth/project-access.js';
import { ProjectPermission } from '../auth/project-permission.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import {
  CREATED_LEASE_RESPONSE,
  DYNAMIC_SECRET_WITH_INPUTS_RESPONSE,
  LEASE_RESPONSE,
  LEASE_WITH_DYNAMIC_SECRET_RESPONSE,
  LIST_DYNAMIC_SECRETS_RESPONSE,
  LIST_LEASES_RESPONSE,
} from '../responses/dynamic-secret-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { normalizeSecretPath } from '../state/secret-path.js';
import { parseDuration } from '../validation/duration.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import {
  dynamicSecretInputsView,
  dynamicSecretView,
  leaseView,
} from '../views/dynamic-secret-view.js';

const TEN_YEARS_MS = 10 * 31_557_600_000;

interface FolderScope {
  projectSlug: string;
  environmentSlug: string;
  path: string;
}

/**
 * Dynamic secrets (an enterprise feature of Infisical) under `/api/v1/dynamic-secrets`. Every
 * route names its folder by `projectSlug`, `environmentSlug` and `path`, in the query for reads
 * and in the body for writes. Mirrors backend/src/ee/routes/v1/dynamic-secret-router.ts and
 * backend/src/ee/routes/v1/dynamic-secret-lease-router.ts.
 */
export function registerDynamicSecretRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  /** The folder's project id and folder id, once the caller may use the project. */
  const resolve = (request: FastifyRequest, scope: FolderScope) => {
    const found = state.findProjectBySlug(scope.projectSlug);
    if (!found) throw notFound(`Project with slug '${scope.projectSlug}' not found`);
    const project = requireProjectAccess(state, identityOf(request).id, found.id);
    const folder = state.findFolder(project, scope.environmentSlug, scope.path);
    if (!folder) {
      throw notFound(
        `Folder with path '${normalizeSecretPath(scope.path)}' in environment with slug '${scope.environmentSlug}' not found`,
      );
    }
    const permission = ProjectPermission.of(project, identityOf(request).id);
    const where = {
      environment: scope.environmentSlug,
      secretPath: normalizeSecretPath(scope.path),
    };
    /** Infisical checks once the dynamic secret is found, so a missing one is a 404 first. */
    const requireAction = (action: 'read-root-credential' | 'lease') =>
      permission.require(action, 'dynamic-secrets', where);
    const canRead = () => permission.can('read-root-credential', 'dynamic-secrets', where);
    return { projectId: project.id, folderId: folder.id, requireAction, canRead };
  };

  /** The lease and its dynamic secret, if they are in the scope's folder. */
  const leaseIn = (request: FastifyRequest, scope: FolderScope, leaseId: string) => {
    const { projectId, folderId, requireAction } = resolve(request, scope);
    const found = state.dynamicSecrets.requireLease(
      projectId,
      scope.environmentSlug,
      scope.path,
      leaseId,
    );
    requireAction('lease');
    return { ...found, folderId };
  };

  const listing = { onRequest, schema: { response: LIST_DYNAMIC_SECRETS_RESPONSE } };
  app.get('/api/v1/dynamic-secrets', listing, async (request) => {
    const scope = readPart(request.query, readScope);
    const { projectId, folderId, canRead } = resolve(request, scope);
    // Infisical leaves out the ones the role may not read instead of refusing the list.
    const readable = canRead()
      ? state.dynamicSecrets.list(projectId, scope.environmentSlug, scope.path)
      : [];
    return {
      dynamicSecrets: readable.map((secret) => dynamicSecretView(secret, folderId)),
    };
  });

  const detail = { onRequest, schema: { response: DYNAMIC_SECRET_WITH_INPUTS_RESPONSE } };
  app.get('/api/v1/dynamic-secrets/:name', detail, async (request) => {
    const { name } = readPart(request.params, (input) => ({ name: input.string('name') }));
    const scope = readPart(request.query, readScope);
    const { projectId, folderId, requireAction } = resolve(request, scope);
    const secret = state.dynamicSecrets.require(projectId, scope.environmentSlug, scope.path, name);
    requireAction('read-root-credential');
    return {
      dynamicSecret: { ...dynamicSecretView(secret, folderId), inputs: dynamicSecretInputsView() },
    };
  });

  const leaseListing = { onRequest, schema: { response: LIST_LEASES_RESPONSE } };
  app.get('/api/v1/dynamic-secrets/:name/leases', leaseListing, async (request) => {
    const { name } = readPart(request.params, (input) => ({ name: input.string('name') }));
    const scope = readPart(request.query, readScope);
    const { projectId, requireAction } = resolve(request, scope);
    const secret = state.dynamicSecrets.require(projectId, scope.environmentSlug, scope.path, name);
    requireAction('lease');
    return {
      leases: state.dynamicSecrets.activeLeases(secret).map((lease) => leaseView(secret, lease)),
    };
  });

  const leaseCreation = { onRequest, schema: { response: CREATED_LEASE_RESPONSE } };
  app.post('/api/v1/dynamic-secrets/leases', leaseCreation, async (request) => {
    const body = readPart(request.body, (input) => ({
      dynamicSecretName: input.string('dynamicSecretName', { min: 1 }).toLowerCase(),
      ttl: readTtl(input),
      ...readScope(input),
    }));
    const { projectId, folderId, requireAction } = resolve(request, body);
    const secret = state.dynamicSecrets.require(
      projectId,
      body.environmentSlug,
      body.path,
      body.dynamicSecretName,
    );
    requireAction('lease');
    const lease = state.dynamicSecrets.createLease(secret, body.ttl);
    return {
      lease: leaseView(secret, lease),
      dynamicSecret: dynamicSecretView(secret, folderId),
      data: { ...lease.credentials },
    };
  });

  const readLeaseId = (request: FastifyRequest) =>
    readPart(request.params, (input) => ({ leaseId: input.string('leaseId', { min: 1 }) }));

  const leaseDetail = { onRequest, schema: { response: LEASE_WITH_DYNAMIC_SECRET_RESPONSE } };
  app.get('/api/v1/dynamic-secrets/leases/:leaseId', leaseDetail, async (request) => {
    const { leaseId } = readLeaseId(request);
    const scope = readPart(request.query, readScope);
    const { secret, lease, folderId } = leaseIn(request, scope, leaseId);
    return {
      lease: { ...leaseView(secret, lease), dynamicSecret: dynamicSecretView(secret, folderId) },
    };
  });

  const leaseChange = { onRequest, schema: { response: LEASE_RESPONSE } };
  app.post('/api/v1/dynamic-secrets/leases/:leaseId/renew', leaseChange, async (request) => {
    const { leaseId } = readLeaseId(request);
    const body = readPart(request.body, (input) => ({ ttl: readTtl(input), ...readScope(input) }));
    const { secret, lease } = leaseIn(request, body, leaseId);
    return { lease: leaseView(secret, state.dynamicSecrets.renewLease(secret, lease, body.ttl)) };
  });

  app.delete('/api/v1/dynamic-secrets/leases/:leaseId', leaseChange, async (request) => {
    const { leaseId } = readLeaseId(request);
    const body = readPart(request.body, (input) => ({
      ...readScope(input),
      isForced: input.optionalBoolean('isForced') ?? false,
    }));
    const { secret, lease } = leaseIn(request, body, leaseId);
    return { lease: leaseView(secret, state.dynamicSecrets.revokeLease(secret, lease)) };
  });
}

function readScope(input: InputReader): FolderScope {
  return {
    projectSlug: input.string('projectSlug', { min: 1 }),
    environmentSlug: input.string('environmentSlug', { min: 1 }),
    path: input.optionalString('path') || '/',
  };
}

/** Infisical's lease TTL: an `ms` duration of at least one minute and at most ten years. */
function readTtl(input: InputReader): string | undefined {
  const ttl = input.optionalString('ttl');
  if (ttl === undefined) return undefined;
  const milliseconds = parseDuration(ttl);
  input.refine(
    'ttl',
    milliseconds !== undefined && milliseconds >= 60_000,
    'TTL must be a greater than 1min',
  );
  input.refine(
    'ttl',
    milliseconds === undefined || milliseconds <= TEN_YEARS_MS,
    'TTL must be less than 10 years',
  );
  return ttl;
}
