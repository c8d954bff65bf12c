/**
 * Fills a route template such as `/api/v1/projects/:projectId/environments/:environmentId`
 * with one path segment per parameter, or refuses. Tool schemas already admit only the
 * identifiers Infisical issues; this is the one place that holds for every request, so a
 * value that slipped past a schema (a custom tool, a resolved name, a future route) still
 * cannot climb to another route: `..` resolved by the URL parser turns
 * `DELETE /projects/p/tags/..` into `DELETE /projects/p/`, which deletes the project.
 */

export type RouteParams = Readonly<Record<string, string>>;

/** Why a route could not be filled. Its message names the parameter, never its value. */
export class RouteParameterError extends Error {
  override readonly name = 'RouteParameterError';

  constructor(
    readonly route: string,
    readonly parameter: string,
    problem: string,
  ) {
    super(`Refused to call Infisical ${route}: parameter "${parameter}" ${problem}`);
  }
}

const PARAMETER = /^:([A-Za-z][A-Za-z0-9]*)$/;
/** Separators a URL parser or a proxy may act on even when encoded. */
const SEPARATOR = /[/\\]/;

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function fillRoutePath(route: string, params: RouteParams = {}): string {
  const used = new Set<string>();
  const segments = route.split('/').map((segment) => {
    const match = PARAMETER.exec(segment);
    if (!match) return segment;
    const name = match[1] as string;
    used.add(name);
    const value = params[name];
    if (typeof value !== 'string') throw new RouteParameterError(route, name, 'is missing');
    const problem = segmentProblem(value);
    if (problem) throw new RouteParameterError(route, name, problem);
    return encodeURIComponent(value);
  });
  for (const name of Object.keys(params)) {
    if (!used.has(name)) throw new RouteParameterError(route, name, 'is not in the route');
  }
  return segments.join('/');
}

/**
 * Whether a URL's path is exactly the filled route under the base URL's path: the last check
 * before a request leaves, in case a URL parser still normalised something.
 */
export function isExactPath(url: URL, basePath: string, filled: string): boolean {
  return url.pathname === `${basePath.replace(/\/+$/, '')}${filled}`;
}

function segmentProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (value === '.' || value === '..') return 'is a dot segment';
  if (SEPARATOR.test(value) || hasControlCharacter(value)) {
    return 'contains a slash, a backslash or a control character';
  }
  if (value.trim() !== value) return 'starts or ends with white space';
  return undefined;
}
