import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  type Resource,
  type ResourceTemplate,
} from '@modelcontextprotocol/sdk/types.js';
import { type ApiProject, listProjects } from '../infisical/api/projects-api.js';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import { lazyChildLogger } from '../lazy-child-logger.js';
import type { Logger } from '../logger.js';
import { oncePerObject } from '../server/once-per-object.js';
import { ProtocolError } from '../server/protocol-error.js';
import { DEFAULT_PAGE_SIZE, paginate } from '../tools/pagination.js';
import { ToolInputError } from '../tools/tool-input-error.js';
import { type AnyResourceKind, readAddress } from './infisical-resource.js';
import {
  foldersUri,
  parseResourceUri,
  projectUri,
  type ResourceKind,
} from './infisical-resource-uri.js';
import { allResourceKinds } from './project-resources.js';
import { resourceNotFound, resourceReadError } from './resource-read-error.js';

const JSON_MIME_TYPE = 'application/json';

/** The resource kinds a server serves: those whose read tool it serves too. */
function servedResourceKinds(servedToolNames: ReadonlySet<string>): AnyResourceKind[] {
  return allResourceKinds.filter((kind) => servedToolNames.has(kind.servedWithTool));
}

/** Resources as a catalogue serves them, shared by every server built from that catalogue. */
export interface ServedResources {
  readonly kinds: ReadonlyMap<ResourceKind, AnyResourceKind>;
  readonly serves: (kind: ResourceKind) => boolean;
  /** The resources/templates/list handler: it answers the same for every session. */
  readonly listTemplates: () => { resourceTemplates: ResourceTemplate[] };
}

/** The resources served with these tools; undefined when there is no kind to browse. */
export function serveResources(servedToolNames: ReadonlySet<string>): ServedResources | undefined {
  const kinds = new Map(servedResourceKinds(servedToolNames).map((kind) => [kind.kind, kind]));
  if (kinds.size === 0) return undefined;
  const templateList = {
    resourceTemplates: [...kinds.values()].filter((kind) => kind.uriTemplate).map(describeTemplate),
  };
  return {
    kinds,
    serves: (kind) => kinds.has(kind),
    listTemplates: () => templateList,
  };
}

/**
 * Adds resources/list, resources/templates/list and resources/read to a server. The
 * `resources` capability that advertises them comes with the catalogue. Call before the
 * server connects.
 */
export function registerResources(
  server: Server,
  options: { client: InfisicalClient; logger: Logger; served: ServedResources },
): void {
  const { client, logger, served } = options;
  const { kinds, serves } = served;

  server.setRequestHandler(ListResourcesRequestSchema, async (request, extra) => {
    const projects = kinds.get('projects');
    if (!projects?.uri) return { resources: [] };
    // Only the projects kind may enumerate projects: a server without list-projects lists none.
    const { projects: found } = await client
      .forCall((infisical) => listProjects(infisical, {}, extra.signal))
      .catch((error: unknown) => {
        throw resourceReadError(error, projects.uri as string, logger);
      });
    const all = [jsonResource(projects, projects.uri), ...browsableEntries(found, serves)];
    const page = pageOf(all, request.params?.cursor);
    return { resources: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, served.listTemplates);

  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const { uri } = request.params;
    const address = parseResourceUri(uri);
    const kind = address && kinds.get(address.kind);
    if (!address || !kind) {
      throw resourceNotFound(
        uri,
        address
          ? 'This server does not serve that kind of resource (toolsets, read-only mode or the tool allow-list leave it out).'
          : 'resources/list and resources/templates/list show the URIs this server serves.',
      );
    }
    const readLogger = lazyChildLogger(logger, {
      resource: kind.kind,
      requestId: extra.requestId,
    });
    const started = performance.now();
    try {
      const data = await client.forCall((infisical) =>
        readAddress(kind, address, { infisical, signal: extra.signal, serves }),
      );
      readLogger.debug({ ms: Math.round(performance.now() - started) }, 'resource read');
      return {
        contents: [{ uri, mimeType: JSON_MIME_TYPE, text: JSON.stringify(data, null, 2) }],
      };
    } catch (error) {
      throw resourceReadError(error, uri, readLogger);
    }
  });
}

const describeTemplate = oncePerObject(
  (kind: AnyResourceKind): ResourceTemplate => ({
    uriTemplate: kind.uriTemplate ?? '',
    name: kind.name,
    title: kind.title,
    description: kind.description,
    mimeType: JSON_MIME_TYPE,
  }),
);

function jsonResource(
  described: Pick<Resource, 'name' | 'title' | 'description'>,
  uri: string,
): Resource {
  return {
    uri,
    name: described.name,
    title: described.title,
    description: described.description,
    mimeType: JSON_MIME_TYPE,
  };
}

/** Each project, and each environment's root folders, as an entry a client can pick. */
function browsableEntries(
  projects: readonly ApiProject[],
  serves: (kind: ResourceKind) => boolean,
): Resource[] {
  const entries: Resource[] = [];
  for (const project of projects) {
    if (serves('project')) {
      entries.push(
        jsonResource(
          {
            name: project.slug,
            title: project.name,
            description: `Project "${project.name}" and its environments.`,
          },
          projectUri(project.id),
        ),
      );
    }
    if (!serves('folders')) continue;
    for (const environment of project.environments ?? []) {
      entries.push(
        jsonResource(
          {
            name: `${project.slug}/${environment.slug}`,
            title: `${project.name} / ${environment.name} folders`,
            description: `Root folders of environment "${environment.slug}" in project "${project.name}".`,
          },
          foldersUri(project.id, environment.slug, '/'),
        ),
      );
    }
  }
  return entries;
}

function pageOf<T>(all: readonly T[], cursor: string | undefined) {
  try {
    return paginate(all, { cursor, limit: DEFAULT_PAGE_SIZE });
  } catch (error) {
    if (error instanceof ToolInputError) {
      throw new ProtocolError(
        ErrorCode.InvalidParams,
        'Invalid cursor: pass nextCursor from the previous resources/list page unchanged.',
      );
    }
    throw error;
  }
}
