import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess, requireProjectPermission } from '../auth/project-access.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import { notFound } from '../errors/infisical-errors.js';
import {
  DELETED_FOLDER_RESPONSE,
  FOLDER_WITH_PATH_RESPONSE,
  LIST_FOLDERS_RESPONSE,
} from '../responses/folder-response-schemas.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { normalizeSecretPath, relativeSecretPath } from '../state/secret-path.js';
import { readFolderName } from '../validation/infisical-fields.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { folderView } from '../views/folder-view.js';
import type { OfficialServerRoutes } from './official-server-routes.js';
import type { ProjectDialect } from './project-reference.js';

/**
 * Folders: `/api/v2/folders` (current, `projectId`; mirrors
 * backend/src/server/routes/v2/secret-folder-router.ts) and `/api/v1/folders` (deprecated, called
 * by the SDK, `workspaceId`, and `directory` accepted as an alias of `path`; mirrors
 * backend/src/server/routes/v1/deprecated-secret-folder-router.ts).
 */
export function registerFolderRoutes(
  app: FastifyInstance,
  state: SandboxState,
  { officialServerRoutes }: OfficialServerRoutes,
): void {
  const onRequest = requireIdentity(state);

  /** An existing folder answers 200 with itself, unchanged: Infisical's create is idempotent. */
  const createFolder = (request: FastifyRequest, dialect: ProjectDialect) => {
    const body = readPart(request.body, (input) => ({
      projectId: readProjectId(input, dialect),
      environment: input.string('environment'),
      name: readFolderName(input, 'name'),
      parentPath: readFolderPath(input, dialect),
      description: input.nullableString('description'),
    }));
    const where = { environment: body.environment, secretPath: body.parentPath };
    const project = requireProjectPermission(
      state,
      request,
      body.projectId,
      'create',
      'secret-folders',
      where,
    );
    return { folder: folderView(state.createFolder(project, body.environment, body)) };
  };

  /**
   * `getFolders` in backend/src/services/secret-folder/secret-folder-service.ts: an unknown
   * environment is a 404, a missing parent path an empty list; `recursive` lists every folder
   * below by depth, then name (`findByEnvsDeep` in secret-folder-dal.ts), each with a
   * `relativePath` that starts with `/`.
   */
  const listFolders = (request: FastifyRequest, dialect: ProjectDialect) => {
    const query = readPart(request.query, (input) => ({
      projectId: readProjectId(input, dialect),
      environment: input.string('environment'),
      path: readFolderPath(input, dialect),
      recursive: input.lenientBoolean('recursive', false),
      lastSecretModified: input.optionalString('lastSecretModified'),
    }));
    const project = requireProjectAccess(state, identityOf(request).id, query.projectId);
    const environment = state.findEnvironment(project, query.environment);
    if (!environment) throw notFound(`Environment with slug '${query.environment}' not found`);
    const parent = environment.folders.get(query.path);
    if (!parent) return { folders: [] };
    if (query.recursive) {
      const below = state
        .foldersWithin(environment, query.path)
        .filter((folder) => folder !== parent)
        .map((folder) => ({ folder, relativePath: relativeSecretPath(folder.path, query.path) }))
        .sort(byDepthThenName);
      return {
        folders: below.map(({ folder, relativePath }) => ({
          ...folderView(folder),
          relativePath,
        })),
      };
    }
    const children = [...environment.folders.values()].filter((f) => f.parentId === parent.id);
    return { folders: children.map(folderView) };
  };

  const creation = { onRequest, schema: { response: FOLDER_WITH_PATH_RESPONSE } };
  app.post('/api/v2/folders', creation, async (request) => createFolder(request, 'current'));
  const listing = { onRequest, schema: { response: LIST_FOLDERS_RESPONSE } };
  app.get('/api/v2/folders', listing, async (request) => listFolders(request, 'current'));
  if (!officialServerRoutes) return;
  app.post('/api/v1/folders', creation, async (request) => createFolder(request, 'deprecated'));
  app.get('/api/v1/folders', listing, async (request) => listFolders(request, 'deprecated'));
}

function byDepthThenName(
  left: { folder: { name: string }; relativePath: string },
  right: { folder: { name: string }; relativePath: string },
): number {
  const depth = (path: string) => path.split('/').length;
  return (
    depth(left.relativePath) - depth(right.relativePath) ||
    left.folder.name.localeCompare(right.folder.name)
  );
}

/** The parent path; deprecated routes also accept `directory`. Defaults to the root. */
function readFolderPath(input: InputReader, dialect: ProjectDialect): string {
  const path = input.optionalString('path');
  const directory = dialect === 'deprecated' ? input.optionalString('directory') : undefined;
  return normalizeSecretPath(path || directory || '/');
}

function readProjectId(input: InputReader, dialect: ProjectDialect): string {
  return input.string(dialect === 'current' ? 'projectId' : 'workspaceId');
}

/** `PATCH /api/v2/folders/:folderId` (rename) and `DELETE /api/v2/folders/:folderIdOrName`. */
export function registerFolderChangeRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  /** The folder named in the URL, under the parent path the body gives, if `action` is allowed there. */
  const locate = (
    request: FastifyRequest,
    action: 'edit' | 'delete',
    idOrName: string,
    scope: FolderScope,
    errorName?: string,
  ) => {
    const where = { environment: scope.environment, secretPath: scope.path };
    const project = requireProjectPermission(
      state,
      request,
      scope.projectId,
      action,
      'secret-folders',
      where,
    );
    const environment = state.findEnvironment(project, scope.environment);
    if (!environment) {
      throw notFound(`Environment with slug '${scope.environment}' not found`, errorName);
    }
    const folder = state.requireChildFolder(environment, scope.path, idOrName, errorName);
    return { environment, folder };
  };

  const rename = { onRequest, schema: { response: FOLDER_WITH_PATH_RESPONSE } };
  app.patch('/api/v2/folders/:folderId', rename, async (request) => {
    const params = readPart(request.params, (input) => ({ folderId: input.string('folderId') }));
    const body = readPart(request.body, (input) => ({
      ...readFolderScope(input),
      name: readFolderName(input, 'name'),
      description: input.nullableString('description'),
    }));
    // Infisical names the update's errors after the operation.
    const { environment, folder } = locate(request, 'edit', params.folderId, body, 'UpdateFolder');
    return { folder: folderView(state.updateFolder(environment, folder, body)) };
  });

  const deletion = { onRequest, schema: { response: DELETED_FOLDER_RESPONSE } };
  app.delete('/api/v2/folders/:folderIdOrName', deletion, async (request) => {
    const params = readPart(request.params, (input) => ({
      folderIdOrName: input.string('folderIdOrName'),
    }));
    const body = readPart(request.body, (input) => ({
      ...readFolderScope(input),
      forceDelete: input.optionalBoolean('forceDelete') ?? false,
    }));
    const { environment, folder } = locate(request, 'delete', params.folderIdOrName, body);
    // The response schema is `SecretFoldersSchema`, which leaves `path` out.
    return { folder: folderView(state.deleteFolder(environment, folder)) };
  });
}

interface FolderScope {
  projectId: string;
  environment: string;
  /** The parent folder's path. */
  path: string;
}

function readFolderScope(input: InputReader): FolderScope {
  return {
    projectId: input.string('projectId'),
    environment: input.string('environment'),
    path: readFolderPath(input, 'current'),
  };
}
