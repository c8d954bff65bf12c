/**
 * Folder paths as Infisical stores them: absolute, `/`-separated, no trailing slash except the
 * root. Inputs like `a/b/` or `//a` are normalised the way Infisical's path transforms do.
 */
export function normalizeSecretPath(raw: string): string {
  const segments = raw.trim().split('/').filter(Boolean);
  return `/${segments.join('/')}`;
}

export function pathSegments(path: string): string[] {
  return normalizeSecretPath(path).split('/').filter(Boolean);
}

export function joinSecretPath(parent: string, name: string): string {
  return normalizeSecretPath(`${parent}/${name}`);
}

/** True for the path itself and every path below it. */
export function isPathWithin(path: string, ancestor: string): boolean {
  if (ancestor === '/') return true;
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/** `/a/b` relative to `/a` is `/b`; Infisical's recursive folder listing reports it. */
export function relativeSecretPath(path: string, ancestor: string): string {
  if (ancestor === '/') return path;
  return normalizeSecretPath(path.slice(ancestor.length));
}
