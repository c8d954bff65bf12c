import type { FastifyInstance } from 'fastify';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { badRequest } from '../errors/infisical-errors.js';
import {
  CREATED_SECRET_RESPONSE,
  LIST_SECRETS_RESPONSE,
  READ_SECRET_RESPONSE,
  WRITTEN_SECRET_RESPONSE,
} from '../responses/secret-response-schemas.js';
import { SecretReader } from '../secrets/secret-reader.js';
import { SECRET_TYPES, SecretWriter } from '../secrets/secret-writer.js';
import type { SandboxState } from '../state/sandbox-state.js';
import {
  readNewSecretName,
  readOptionalNewSecretName,
  readSecretPath,
} from '../validation/infisical-fields.js';
import { readPart } from '../validation/input-reader.js';
import {
  type ProjectDialect,
  readProjectReference,
  resolveProjectId,
} from './project-reference.js';
import { readWriteScope } from './secret-write-scope.js';

interface SecretRouteSet {
  prefix: string;
  dialect: ProjectDialect;
  /** 400 messages when no project is named; Infisical words them differently per route. */
  missingProject: { list: string; get: string; write: string };
}

/** `/api/v4/secrets`: the current routes. */
export const CURRENT_SECRET_ROUTES: SecretRouteSet = {
  prefix: '/api/v4/secrets',
  dialect: 'current',
  missingProject: {
    list: 'Missing project id or environment',
    get: 'Missing project id',
    write: 'Missing project id',
  },
};

/** `/api/v3/secrets/raw`: deprecated, but what `@infisical/sdk` and the official MCP server call. */
export const DEPRECATED_SECRET_ROUTES: SecretRouteSet = {
  prefix: '/api/v3/secrets/raw',
  dialect: 'deprecated',
  missingProject: {
    list: 'You must provide projectSlug or workspaceId',
    get: 'You must provide workspaceSlug or workspaceId',
    write: 'You must provide projectSlug or workspaceId',
  },
};

/**
 * Registers list and single-secret routes; both route sets share the same handlers. Mirrors
 * backend/src/server/routes/v4/secret-router.ts (and the deprecated v3/secret-router.ts), whose
 * handlers call backend/src/services/secret-v2-bridge/secret-v2-bridge-service.ts.
 */
export function registerSecretRoutes(
  app: FastifyInstance,
  state: SandboxState,
  routes: SecretRouteSet,
): void {
  const reader = new SecretReader(state);
  const writer = new SecretWriter(state);
  const { prefix, dialect, missingProject } = routes;
  const onRequest = requireIdentity(state);

  app.get(prefix, { onRequest, schema: { response: LIST_SECRETS_RESPONSE } }, async (request) => {
    const query = readPart(request.query, (input) => ({
      project: readProjectReference(input, dialect, { part: 'query', required: false }),
      environment: input.optionalString('environment'),
      secretPath: readSecretPath(input),
      viewSecretValue: input.booleanString('viewSecretValue', true),
      expandSecretReferences: input.booleanString('expandSecretReferences', false),
      recursive: input.booleanString('recursive', false),
      includeImports: input.booleanString('include_imports', false),
      tagSlugs: splitTagSlugs(input.optionalString('tagSlugs')),
      metadataFilter: input.optionalString('metadataFilter'),
    }));
    if (dialect === 'current' && (!query.project.id || !query.environment)) {
      throw badRequest(missingProject.list);
    }
    const projectId = resolveProjectId(state, query.project, missingProject.list);
    if (!query.environment) throw badRequest('Missing environment');
    return reader.list(identityOf(request).id, {
      ...query,
      projectId,
      environment: query.environment,
    });
  });

  app.get(
    `${prefix}/:secretName`,
    { onRequest, schema: { response: READ_SECRET_RESPONSE } },
    async (request) => {
      const params = readPart(request.params, (input) => ({
        secretName: input.string('secretName'),
      }));
      const query = readPart(request.query, (input) => ({
        project: readProjectReference(input, dialect, { part: 'query', required: true }),
        environment: input.optionalString('environment'),
        secretPath: readSecretPath(input),
        version: input.optionalNumber('version', { coerce: true }),
        type: input.enumValue('type', SECRET_TYPES) ?? 'shared',
        viewSecretValue: input.booleanString('viewSecretValue', true),
        expandSecretReferences: input.booleanString('expandSecretReferences', false),
        includeImports: input.booleanString('include_imports', false),
      }));
      const projectId = resolveProjectId(state, query.project, missingProject.get);
      if (!query.environment) throw badRequest('Missing environment');
      return reader.get(identityOf(request).id, {
        ...query,
        ...params,
        projectId,
        environment: query.environment,
      });
    },
  );

  app.post(
    `${prefix}/:secretName`,
    { onRequest, schema: { response: CREATED_SECRET_RESPONSE } },
    async (request) => {
      const params = readPart(request.params, (input) => ({
        secretName: readNewSecretName(input, 'secretName'),
      }));
      const body = readPart(request.body, (input) => ({
        ...readWriteScope(input, dialect),
        secretValue: input.string('secretValue', { trim: false }),
        // A create trims the comment (`z.string().trim()`); an update keeps it as sent.
        secretComment: input.optionalString('secretComment') ?? '',
        type: input.enumValue('type', SECRET_TYPES) ?? 'shared',
        skipMultilineEncoding: input.optionalBoolean('skipMultilineEncoding'),
        secretReminderNote: input.nullableString('secretReminderNote', { max: 1024 }),
        secretReminderRepeatDays: input.optionalNumber('secretReminderRepeatDays'),
        tagIds: input.optionalStringArray('tagIds'),
      }));
      const projectId = resolveProjectId(state, body.project, missingProject.write);
      return writer.create(identityOf(request).id, { ...body, ...params, projectId });
    },
  );

  app.patch(
    `${prefix}/:secretName`,
    { onRequest, schema: { response: WRITTEN_SECRET_RESPONSE } },
    async (request) => {
      const params = readPart(request.params, (input) => ({
        secretName: input.string('secretName', { min: 1 }),
      }));
      const body = readPart(request.body, (input) => ({
        ...readWriteScope(input, dialect),
        secretValue: input.optionalString('secretValue', { trim: false }),
        secretComment: input.optionalString('secretComment', { trim: false }),
        newSecretName: readOptionalNewSecretName(input, 'newSecretName'),
        type: input.enumValue('type', SECRET_TYPES) ?? 'shared',
        skipMultilineEncoding: input.optionalBoolean('skipMultilineEncoding'),
        tagIds: input.optionalStringArray('tagIds'),
      }));
      const projectId = resolveProjectId(state, body.project, missingProject.write);
      return writer.update(identityOf(request).id, { ...body, ...params, projectId });
    },
  );

  app.delete(
    `${prefix}/:secretName`,
    { onRequest, schema: { response: WRITTEN_SECRET_RESPONSE } },
    async (request) => {
      const params = readPart(request.params, (input) => ({
        secretName: input.string('secretName', { trim: false, min: 1 }),
      }));
      const body = readPart(request.body, (input) => ({
        ...readWriteScope(input, dialect),
        type: input.enumValue('type', SECRET_TYPES) ?? 'shared',
      }));
      const projectId = resolveProjectId(state, body.project, missingProject.write);
      return writer.delete(identityOf(request).id, { ...body, ...params, projectId });
    },
  );
}

function splitTagSlugs(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((slug) => slug.trim())
    .filter(Boolean);
}
