/** Zero-width and direction marks: invisible in a slug, and ignored by the eye of a reviewer. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * An environment slug as Infisical stores it: Infisical trims and lowercases slugs it receives,
 * so `"prod "`, `"\tPROD"` and `"prod"` with a no-break space all write to `prod`. Protection
 * compares these canonical forms, whatever the caller typed.
 */
export function canonicalSlug(slug: string): string {
  return slug.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase();
}
