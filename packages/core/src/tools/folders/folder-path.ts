/**
 * Joins folder paths into one absolute path without doubled slashes. Infisical's recursive
 * folder listing gives a `relativePath` that already starts with `/` ("/a/b"), which plain
 * concatenation with the parent would turn into "//a/b".
 */
export function joinFolderPath(...parts: string[]): string {
  const segments = parts.flatMap((part) => part.split('/')).filter(Boolean);
  return `/${segments.join('/')}`;
}
