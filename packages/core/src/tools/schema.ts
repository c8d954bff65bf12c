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

export const projectIdArg = (purpose: string) =>
  Type.String({
    minLength: 1,
    description: `ID of the project ${purpose}. list-projects shows the IDs.`,
  });

export const environmentSlugArg = (purpose: string) =>
  Type.String({
    minLength: 1,
    description: `Slug of the environment ${purpose}, e.g. "dev", "staging" or "prod".`,
  });

export const secretPathArg = (purpose: string) =>
  Type.String({
    default: '/',
    pattern: '^/',
    description: `Folder path ${purpose}, starting with "/". Defaults to "/" (the environment's root).`,
  });

export const secretNameArg = (description: string) => Type.String({ minLength: 1, description });
