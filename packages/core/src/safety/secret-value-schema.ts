import type { SecretValueMasker, SecretValuePolicy } from './secret-value-policy.js';

/**
 * Schema option marking a field that carries a secret's value: `Type.String({ secretValue:
 * true })`. The value policy finds such fields through the schema, so every tool whose output
 * reuses a marked schema (SecretOutput) is covered without naming it. A property literally
 * called `secretValue` counts as marked too, for schemas written before the marker.
 */
export const SECRET_VALUE_MARKER = 'secretValue';

type Schema = Record<string, unknown>;

function isMarked(schema: unknown, propertyName?: string): boolean {
  return (
    propertyName === 'secretValue' ||
    (schema !== null &&
      typeof schema === 'object' &&
      (schema as Schema)[SECRET_VALUE_MARKER] === true)
  );
}

/** Whether any field of the schema, at any depth, carries secret values. */
export function carriesSecretValues(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  if (isMarked(schema)) return true;
  const node = schema as Schema;
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  if (
    Object.entries(properties).some(
      ([name, inner]) => isMarked(inner, name) || carriesSecretValues(inner),
    )
  ) {
    return true;
  }
  return children(node).some(carriesSecretValues);
}

function children(node: Schema): unknown[] {
  const list: unknown[] = [];
  if (node.items) list.push(node.items);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    list.push(node.additionalProperties);
  }
  for (const inner of Object.values((node.patternProperties ?? {}) as Record<string, unknown>))
    list.push(inner);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(node[key])) list.push(...(node[key] as unknown[]));
  }
  return list;
}

/**
 * Applies a value policy to data described by `schema` (a tool's output, or its arguments in
 * a dry run). `reveal` returns the data as is; `mask` replaces each value with a mask; `deny`
 * drops each value (a marked property disappears; marked list items leave an empty list).
 */
export function applyValuePolicy<T>(
  schema: unknown,
  data: T,
  policy: SecretValuePolicy,
  masker: SecretValueMasker,
): T {
  if (policy === 'reveal') return data;
  return redact(schema, data, policy, masker) as T;
}

function redact(
  schema: unknown,
  data: unknown,
  policy: SecretValuePolicy,
  masker: SecretValueMasker,
): unknown {
  if (data === null || typeof data !== 'object') return data;
  const node = (schema && typeof schema === 'object' ? schema : {}) as Schema;
  if (Array.isArray(data)) return data.map((item) => redact(node.items, item, policy, masker));

  const alternatives = ['anyOf', 'oneOf', 'allOf'].flatMap((key) =>
    Array.isArray(node[key]) ? (node[key] as Schema[]) : [],
  );
  const properties = Object.assign(
    {},
    ...alternatives.map((alternative) => alternative.properties ?? {}),
    node.properties ?? {},
  ) as Record<string, unknown>;
  const others =
    node.additionalProperties && typeof node.additionalProperties === 'object'
      ? node.additionalProperties
      : undefined;

  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const inner = properties[key] ?? others;
    if (isMarked(inner, key)) {
      const hidden = hide(value, policy, masker);
      if (hidden !== undefined) result[key] = hidden;
    } else {
      result[key] = redact(inner, value, policy, masker);
    }
  }
  return result;
}

/** A marked field's content under `mask` or `deny`: every string inside it is a value. */
function hide(value: unknown, policy: SecretValuePolicy, masker: SecretValueMasker): unknown {
  if (typeof value === 'string') return policy === 'mask' ? masker.mask(value) : undefined;
  if (Array.isArray(value)) {
    return policy === 'deny' ? [] : value.map((item) => hide(item, policy, masker));
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const hidden = hide(inner, policy, masker);
      if (hidden !== undefined) result[key] = hidden;
    }
    return result;
  }
  return policy === 'deny' ? undefined : value;
}

/**
 * The output schema clients see: marked fields lose the marker and become optional, since
 * `deny` (by policy or a call's `includeValues: false`) leaves them out.
 */
export function advertisedSecretSchema(schema: Schema): Schema {
  const copy: Schema = { ...schema };
  delete copy[SECRET_VALUE_MARKER];
  if (copy.properties && typeof copy.properties === 'object') {
    const properties: Record<string, unknown> = {};
    const marked: string[] = [];
    for (const [name, inner] of Object.entries(copy.properties as Record<string, Schema>)) {
      if (isMarked(inner, name)) marked.push(name);
      properties[name] = advertisedSecretSchema(inner);
    }
    copy.properties = properties;
    if (Array.isArray(copy.required) && marked.length > 0) {
      copy.required = (copy.required as string[]).filter((name) => !marked.includes(name));
    }
  }
  if (copy.items && typeof copy.items === 'object')
    copy.items = advertisedSecretSchema(copy.items as Schema);
  if (copy.additionalProperties && typeof copy.additionalProperties === 'object') {
    copy.additionalProperties = advertisedSecretSchema(copy.additionalProperties as Schema);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as Schema[]).map(advertisedSecretSchema);
  }
  return copy;
}
