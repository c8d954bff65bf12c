export interface SecretReference {
  environment: string;
  secretPath: string;
  key: string;
}

/** Returns the raw value of the referenced secret, or undefined when it does not exist. */
export type ReferencedValueLookup = (reference: SecretReference) => string | undefined;

export const MAX_SECRET_REFERENCE_DEPTH = 10;

const REFERENCE_SOURCE = String.raw`\$\{([a-zA-Z0-9\-_.]+)\}`;

/**
 * Resolves the body of `${…}` relative to the secret that contains it:
 * `KEY` (same environment and folder), `env.KEY` (root of env), `env.a.b.KEY` (folder /a/b).
 */
export function parseSecretReference(
  body: string,
  from: Omit<SecretReference, 'key'>,
): SecretReference | undefined {
  const segments = body.split('.');
  if (segments.some((segment) => segment === '')) return undefined;
  const key = segments.at(-1) as string;
  if (segments.length === 1) return { ...from, key };
  const [environment, ...folders] = segments.slice(0, -1) as [string, ...string[]];
  return { environment, secretPath: `/${folders.join('/')}`, key };
}

export function hasSecretReferences(value: string): boolean {
  return new RegExp(REFERENCE_SOURCE).test(value);
}

/**
 * Expands `${…}` references in `value`, which belongs to the secret at `origin`.
 * As in Infisical's `expandSecretReferencesFactory` (backend/src/services/secret-v2-bridge/
 * secret-v2-bridge-fns.ts), a reference to a missing secret stays as written, and so do
 * placeholders deeper than `maxDepth` and ones that would re-enter a secret already being
 * expanded on the same chain (a cycle).
 */
export function expandSecretReferences(
  value: string,
  origin: SecretReference,
  lookup: ReferencedValueLookup,
  maxDepth = MAX_SECRET_REFERENCE_DEPTH,
): string {
  const expand = (
    text: string,
    location: SecretReference,
    depth: number,
    chain: Set<string>,
  ): string =>
    text.replace(new RegExp(REFERENCE_SOURCE, 'g'), (placeholder: string, body: string) => {
      if (depth > maxDepth) return placeholder;
      const reference = parseSecretReference(body, location);
      if (!reference) return placeholder;
      const id = referenceId(reference);
      if (chain.has(id)) return placeholder;
      const referencedValue = lookup(reference);
      if (referencedValue === undefined) return placeholder;
      return expand(referencedValue, reference, depth + 1, new Set([...chain, id]));
    });
  return expand(value, origin, 1, new Set([referenceId(origin)]));
}

function referenceId(reference: SecretReference): string {
  return `${reference.environment}\u0000${reference.secretPath}\u0000${reference.key}`;
}
