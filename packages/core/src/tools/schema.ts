import { Kind, type SchemaOptions, type TSchema, Type, TypeRegistry } from '@sinclair/typebox';

/** Argument shapes shared by many tools, described once so every tool speaks the same words. */

export interface TStringEnum<T extends string> extends TSchema {
  [Kind]: 'StringEnum';
  static: T;
  type: 'string';
  enum: T[];
}

if (!TypeRegistry.Has('StringEnum')) {
  TypeRegistry.Set('StringEnum', (schema: { enum: unknown[] }, value) =>
    schema.enum.includes(value),
  );
}

/** A string enum published as JSON Schema `enum`, which every client renders as a choice. */
export function StringEnum<const T extends string>(
  values: readonly T[],
  options: SchemaOptions = {},
): TStringEnum<T> {
  return Type.Unsafe<T>({
    ...options,
    [Kind]: 'StringEnum',
    type: 'string',
    enum: [...values],
  }) as never;
}

/**
 * The identifiers Infisical issues, as JSON Schema patterns. Every argument that reaches an
 * Infisical URL, or names the environment a safety rule protects, admits only these: a value
 * such as `..`, `prod ` or `a/b` is refused by the schema, naming the argument, before
 * anything is sent. The HTTP client checks route parameters again on its own.
 */
export const IDENTIFIER_RULES = {
  uuid: {
    pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    rule: 'must be an ID as Infisical issues them (a UUID such as 3f1c0d1e-8a2b-4c5d-9e6f-0a1b2c3d4e5f)',
  },
  /** Project IDs are UUIDs, or 24 hex digits for projects created before Infisical moved to PostgreSQL. */
  projectId: {
    pattern:
      '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{24})$',
    rule: 'must be a project ID as list-projects shows it (a UUID)',
  },
  /** Infisical's `slugSchema`: lowercase letters and digits in runs joined by single hyphens. */
  slug: {
    pattern: '^[a-z0-9]+(?:[-_][a-z0-9]+)*$',
    rule: 'must be a slug: lowercase letters and digits joined by single hyphens (or underscores)',
  },
  /**
   * Infisical's `slugSchema` as it checks a slug being made (environment, project, template):
   * slugify must leave it unchanged, so no underscores. Existing slugs are looked up with `slug`.
   */
  newSlug: {
    pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    rule: 'must be a slug: lowercase letters and digits joined by single hyphens',
  },
  /** zod's `email()`, which Infisical's invite route applies (it then asks for lower case). */
  email: {
    pattern:
      "^(?!\\.)(?!.*\\.\\.)[A-Za-z0-9_'+\\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\\.)+[A-Za-z]{2,}$",
    rule: 'must be an email address such as ada@example.com',
  },
  /** Infisical's `SecretNameSchema` (no `:` or `/`), without what it would trim or could not route. */
  secretName: {
    pattern:
      '^(?!\\.{1,2}$)[^\\s:/\\\\\\u0000-\\u001f\\u007f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\ufeff](?:[^:/\\\\\\u0000-\\u001f\\u007f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\ufeff]*[^\\s:/\\\\\\u0000-\\u001f\\u007f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\ufeff])?$',
    rule: 'must be a secret name: no ":", "/", "\\", control or invisible characters, and no space at either end',
  },
  /** Infisical's folder name rule; a folder ID (a UUID) fits it too. */
  folderName: {
    pattern: '^[a-zA-Z0-9_-]+$',
    rule: 'must be a folder name or ID: letters, digits, "-" and "_"',
  },
  /** A folder path: starts with `/`, no `.` or `..` segment, no backslash or control character. */
  secretPath: {
    pattern: '^(?!.*/\\.{1,2}(?:/|$))/[^\\\\\\u0000-\\u001f\\u007f]*$',
    rule: 'must be a folder path starting with "/", without "." or ".." segments',
  },
} as const;

export type IdentifierKind = keyof typeof IDENTIFIER_RULES;

const RULE_BY_PATTERN = new Map<string, string>(
  Object.values(IDENTIFIER_RULES).map(({ pattern, rule }) => [pattern, rule]),
);

/** The plain-words rule behind an identifier pattern, for argument errors. */
export function identifierRuleOf(pattern: unknown): string | undefined {
  return typeof pattern === 'string' ? RULE_BY_PATTERN.get(pattern) : undefined;
}

/** A string argument that admits only one kind of Infisical identifier. */
export function Identifier(kind: IdentifierKind, options: SchemaOptions & { maxLength?: number }) {
  return Type.String({
    minLength: 1,
    maxLength: 256,
    pattern: IDENTIFIER_RULES[kind].pattern,
    ...options,
  });
}

// The three arguments nearly every tool takes. Without a purpose they say only what they are:
// the tool's description says what it does with them, and the server's instructions say where
// IDs and slugs come from. A purpose is for a tool with two of a kind (import from / into).

export const projectIdArg = (purpose?: string) =>
  Identifier('projectId', {
    description: purpose ? `ID of the project ${purpose}.` : 'Project ID.',
  });

export const environmentSlugArg = (purpose?: string) =>
  Identifier('slug', {
    maxLength: 64,
    description: purpose ? `Slug of the environment ${purpose}.` : 'Environment slug.',
  });

export const secretPathArg = (purpose?: string) =>
  Type.String({
    default: '/',
    pattern: IDENTIFIER_RULES.secretPath.pattern,
    description: purpose ? `Folder path ${purpose}.` : 'Folder path.',
  });

export const secretNameArg = (description: string) =>
  Identifier('secretName', { maxLength: 500, description });

export const uuidArg = (description: string) => Identifier('uuid', { description });
