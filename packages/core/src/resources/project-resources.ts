import { listFolders } from '../infisical/api/folders-api.js';
import { getProject, listProjects } from '../infisical/api/projects-api.js';
import { toProjectOutput } from '../tools/projects/project-output.js';
import { type InfisicalResourceKind, ResourceNotFoundError } from './infisical-resource.js';
import {
  FOLDERS_URI_TEMPLATE,
  foldersUri,
  PROJECT_URI_TEMPLATE,
  PROJECTS_URI,
  projectUri,
} from './infisical-resource-uri.js';

/*
 * Resources carry structure only: projects, environments and folders. Secret values never
 * appear, and neither do secret keys: the secret tools are the one way to read secrets, so
 * their toolset, read-only and masking rules stay the only ones that apply.
 */

export const projectsResource: InfisicalResourceKind<'projects'> = {
  kind: 'projects',
  servedWithTool: 'list-projects',
  uri: PROJECTS_URI,
  name: 'projects',
  title: 'Infisical projects',
  description:
    'Every project the machine identity can reach, with its environments and the URI of each project.',
  async read(_address, { infisical, signal, serves }) {
    const { projects } = await listProjects(infisical, {}, signal);
    return {
      projects: projects.map((project) => ({
        ...toProjectOutput(project),
        ...(serves('project') ? { uri: projectUri(project.id) } : {}),
      })),
    };
  },
};

export const projectResource: InfisicalResourceKind<'project'> = {
  kind: 'project',
  servedWithTool: 'get-project',
  uriTemplate: PROJECT_URI_TEMPLATE,
  name: 'project',
  title: 'Infisical project',
  description:
    'One project: name, slug, type and its environments, each with the URI of its root folders.',
  async read({ projectId }, { infisical, signal, serves }) {
    const { project } = await getProject(infisical, { projectId }, signal);
    const output = toProjectOutput(project);
    return {
      project: {
        ...output,
        uri: projectUri(output.id),
        environments: output.environments.map((environment) => ({
          ...environment,
          ...(serves('folders')
            ? { foldersUri: foldersUri(output.id, environment.slug, '/') }
            : {}),
        })),
      },
    };
  },
};

export const foldersResource: InfisicalResourceKind<'folders'> = {
  kind: 'folders',
  servedWithTool: 'list-folders',
  uriTemplate: FOLDERS_URI_TEMPLATE,
  name: 'folders',
  title: 'Folders of an environment',
  description:
    'The folders directly under a path of a project environment (no path: the root), each with its full path (the secretPath secret tools take) and URI. No secrets.',
  async read({ projectId, environmentSlug, path }, { infisical, signal }) {
    const location = { projectId, environment: environmentSlug, recursive: false };
    const [children, siblings] = await Promise.all([
      listFolders(infisical, { ...location, path }, signal),
      // Infisical lists nothing under a path that does not exist: ask the parent whether it does.
      path === '/'
        ? undefined
        : listFolders(infisical, { ...location, path: parentOf(path) }, signal),
    ]);
    if (siblings && !siblings.folders.some((folder) => folder.name === nameOf(path))) {
      throw new ResourceNotFoundError(
        `No folder "${path}" in environment "${environmentSlug}" of project ${projectId}.`,
      );
    }
    const prefix = path === '/' ? '' : path;
    return {
      projectId,
      environmentSlug,
      path,
      ...(path === '/'
        ? {}
        : { parentUri: foldersUri(projectId, environmentSlug, parentOf(path)) }),
      folders: children.folders.map((folder) => {
        const folderPath = `${prefix}/${folder.name}`;
        return {
          id: folder.id,
          name: folder.name,
          path: folderPath,
          uri: foldersUri(projectId, environmentSlug, folderPath),
        };
      }),
    };
  },
};

/** Every resource kind, in the order clients list them. */
export const allResourceKinds = [projectsResource, projectResource, foldersResource] as const;

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
