/** What INFISICAL_MASK_SECRET_VALUES puts in place of a value, as the official server does. */
export const MASKED_VALUE = '<masked>';

/** Replaces every `secretValue` string in a tool's output, at any depth, with {@link MASKED_VALUE}. */
export function maskSecretValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskSecretValues) as T;
  if (value === null || typeof value !== 'object') return value;
  const masked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    masked[key] =
      key === 'secretValue' && typeof inner === 'string' ? MASKED_VALUE : maskSecretValues(inner);
  }
  return masked as T;
}
