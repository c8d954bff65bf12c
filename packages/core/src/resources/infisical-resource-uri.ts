/**
 * The `infisical://` URIs of the resources this server serves, parsed and built in one place so
 * the links inside resource contents always match what `resources/read` accepts.
 */

export const PROJECTS_URI = 'infisical://projects';
export const PROJECT_URI_TEMPLATE = 'infisical://projects/{projectId}';
export const FOLDERS_URI_TEMPLATE =
  'infisical://projects/{projectId}/environments/{environmentSlug}/folders{/path*}';

export type ResourceAddress =
  | { kind: 'projects' }
  | { kind: 'project'; projectId: string }
  | { kind: 'folders'; projectId: string; environmentSlug: string; path: string };

export type ResourceKind = ResourceAddress['kind'];

export function projectUri(projectId: string): string {
  return `${PROJECTS_URI}/${encodeURIComponent(projectId)}`;
}

/** `path` is a folder path such as "/" or "/backend/api". */
export function foldersUri(projectId: string, environmentSlug: string, path: string): string {
  const segments = path.split('/').filter(Boolean).map(encodeURIComponent);
  return [projectUri(projectId), 'environments', encodeURIComponent(environmentSlug), 'folders']
    .concat(segments)
    .join('/');
}

/**
 * The resource a URI names, or undefined when it names none of ours. Segments are
 * percent-decoded; empty, "." and ".." segments, queries and fragments are refused rather than
 * normalised, so one resource has one URI. A single trailing slash is tolerated.
 */
export function parseResourceUri(uri: string): ResourceAddress | undefined {
  if (!uri.startsWith(PROJECTS_URI) || /[?#]/.test(uri)) return undefined;
  const rest = uri.slice(PROJECTS_URI.length).replace(/\/$/, '');
  if (rest === '') return { kind: 'projects' };
  if (!rest.startsWith('/')) return undefined;
  const segments = decodeSegments(rest.slice(1).split('/'));
  if (!segments) return undefined;

  const [projectId, environments, environmentSlug, folders, ...path] = segments;
  if (projectId === undefined) return undefined;
  if (segments.length === 1) return { kind: 'project', projectId };
  if (environments !== 'environments' || folders !== 'folders' || !environmentSlug) {
    return undefined;
  }
  return { kind: 'folders', projectId, environmentSlug, path: `/${path.join('/')}` };
}

function decodeSegments(raw: string[]): string[] | undefined {
  const decoded: string[] = [];
  for (const segment of raw) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (value === '' || value === '.' || value === '..' || value.includes('/')) return undefined;
    decoded.push(value);
  }
  return decoded;
}
