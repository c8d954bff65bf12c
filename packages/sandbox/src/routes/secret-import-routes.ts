import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectPermission } from '../auth/project-access.js';
import { ProjectPermission } from '../auth/project-permission.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import {
  LIST_SECRET_IMPORTS_RESPONSE,
  SECRET_IMPORT_RESPONSE,
} from '../responses/secret-import-response-schemas.js';
import type { Folder, Project, SecretImport } from '../state/model.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { normalizeSecretPath } from '../state/secret-path.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { invalidTypeIssue } from '../validation/validation-issue.js';
import { secretImportView } from '../views/secret-import-view.js';

/**
 * Secret imports: `/api/v2/secret-imports` list, create and delete. They act on the same imports
 * the `/__sandbox/imports` hook adds, so list-secrets with imports sees them. Mirrors
 * backend/src/server/routes/v2/secret-import-router.ts.
 */
export function registerSecretImportRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  /** The importing folder, if `action` on its imports is allowed. */
  const folderAt = (request: FastifyRequest, action: string, scope: ImportScope) => {
    const where = { environment: scope.environment, secretPath: scope.path };
    const project = requireProjectPermission(
      state,
      request,
      scope.projectId,
      action,
      'secret-imports',
      where,
    );
    const folder = state.findFolder(project, scope.environment, scope.path);
    if (!folder) {
      throw notFound(
        `Folder with path '${scope.path}' in environment with slug '${scope.environment}' not found`,
      );
    }
    return { project, folder };
  };

  const view = (project: Project, folder: Folder, secretImport: SecretImport) =>
    secretImportView(secretImport, folder, state.findEnvironment(project, secretImport.importEnv));

  const listing = { onRequest, schema: { response: LIST_SECRET_IMPORTS_RESPONSE } };
  app.get('/api/v2/secret-imports', listing, async (request) => {
    const query = readPart(request.query, readImportScope);
    const { project, folder } = folderAt(request, 'read', query);
    return {
      message: 'Successfully fetched secret imports',
      secretImports: [...folder.imports]
        .sort((left, right) => left.position - right.position)
        .map((secretImport) => view(project, folder, secretImport)),
    };
  });

  const change = { onRequest, schema: { response: SECRET_IMPORT_RESPONSE } };
  app.post('/api/v2/secret-imports', change, async (request) => {
    const body = readPart(request.body, (input) => ({
      ...readImportScope(input),
      source: readImportSource(input),
      isReplication: input.optionalBoolean('isReplication') ?? false,
    }));
    const { project, folder } = folderAt(request, 'create', body);
    // Importing also needs to see the source folder's secrets.
    ProjectPermission.of(project, identityOf(request).id).requireSecretAccess('describeSecret', {
      environment: body.source.environment,
      secretPath: body.source.path,
    });
    const secretImport = state.importIntoFolder(project, folder, body.source);
    return {
      message: 'Successfully created secret import',
      secretImport: view(project, folder, secretImport),
    };
  });

  app.delete('/api/v2/secret-imports/:secretImportId', change, async (request) => {
    const params = readPart(request.params, (input) => ({
      secretImportId: input.string('secretImportId'),
    }));
    const body = readPart(request.body, readImportScope);
    const { project, folder } = folderAt(request, 'delete', body);
    const secretImport = state.removeSecretImport(folder, params.secretImportId);
    return {
      message: 'Successfully deleted secret import',
      secretImport: view(project, folder, secretImport),
    };
  });
}

interface ImportScope {
  projectId: string;
  environment: string;
  /** The importing folder. */
  path: string;
}

function readImportScope(input: InputReader): ImportScope {
  return {
    projectId: input.string('projectId'),
    environment: input.string('environment'),
    path: normalizeSecretPath(input.optionalString('path') || '/'),
  };
}

/** The required `import: {environment, path}` object: the folder whose secrets are imported. */
function readImportSource(input: InputReader): { environment: string; path: string } {
  const source = input.nullableObject('import', (reader) => ({
    environment: reader.string('environment'),
    path: normalizeSecretPath(reader.string('path')),
  }));
  if (!source) {
    input.issue(
      invalidTypeIssue(input.pathOf('import'), 'object', input.has('import') ? null : undefined),
    );
    return { environment: '', path: '/' };
  }
  return source;
}
