import {
  type SchemaOptions,
  type Static,
  type TArray,
  type TBoolean,
  type TInteger,
  type TLiteral,
  type TNumber,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TString,
  type TUnion,
  Type,
} from '@sinclair/typebox';

/**
 * What a user needs to know about one setting, carried by its schema: how to set it (a flag,
 * an environment variable or both), what it means, and what it is when unset. Parsing,
 * `--help`, the README tables, the compose file and server.json all read these.
 */
export interface SettingAnnotations {
  /** The command-line flag without its dashes; absent for variables only (secrets: `ps` shows flags). */
  flag?: string;
  /** The environment variable; absent for flags only. */
  env?: string;
  description: string;
  /** What the documents say when unset, if the default is not a plain value ("from the request"). */
  unsetMeans?: string;
  /** A secret: never shown back, and marked so in server.json. */
  secret?: boolean;
  /** A one-shot command (`--help`): the flag runs it, so it has no value and no default to show. */
  command?: true;
}

type Annotated<T extends TSchema> = T & SettingAnnotations;

/** A setting's schema as the reader sees it: TypeBox's keywords plus the annotations. */
export type SettingSchema = TSchema & SettingAnnotations & { default?: unknown };

/** A group of settings: one object schema; its keys are the names the code reads. */
export type SettingGroup<P extends TProperties = TProperties> = TObject<P>;

export function settingGroup<P extends TProperties>(properties: P): SettingGroup<P> {
  return Type.Object(properties);
}

export type SettingValues<G extends SettingGroup> = Static<G>;

function options(annotations: SettingAnnotations, extra: SchemaOptions = {}): SchemaOptions {
  return { ...annotations, ...extra };
}

/** The constructors every declaration uses, so a setting is one call. */
export const Setting = {
  /** true or false; as a flag, present means true. */
  boolean(annotations: SettingAnnotations & { default?: boolean }): Annotated<TBoolean> {
    return Type.Boolean(
      options(annotations, { default: annotations.default ?? false }),
    ) as Annotated<TBoolean>;
  },

  /** A flag that runs a one-shot command and exits, such as `--help`: false unless given. */
  command(annotations: { flag: string; description: string }): Annotated<TBoolean> {
    return Type.Boolean(
      options({ ...annotations, command: true }, { default: false }),
    ) as Annotated<TBoolean>;
  },

  integer(
    annotations: SettingAnnotations & { default?: number; minimum?: number; maximum?: number },
  ): Annotated<TInteger> {
    return Type.Integer(options(annotations)) as Annotated<TInteger>;
  },

  /** An integer that may be unset (no default). */
  optionalInteger(
    annotations: SettingAnnotations & { minimum?: number; maximum?: number },
  ): TOptional<Annotated<TInteger>> {
    return Type.Optional(Type.Integer(options(annotations))) as TOptional<Annotated<TInteger>>;
  },

  number(
    annotations: SettingAnnotations & { default?: number; minimum?: number },
  ): Annotated<TNumber> {
    return Type.Number(options(annotations)) as Annotated<TNumber>;
  },

  string(annotations: SettingAnnotations & { default: string }): Annotated<TString> {
    return Type.String(options(annotations)) as Annotated<TString>;
  },

  optionalString(annotations: SettingAnnotations): TOptional<Annotated<TString>> {
    return Type.Optional(Type.String(options(annotations))) as TOptional<Annotated<TString>>;
  },

  choice<const C extends readonly string[]>(
    choices: C,
    annotations: SettingAnnotations & { default: C[number] },
  ): Annotated<TUnion<TLiteral<C[number]>[]>> {
    return Type.Union(
      choices.map((choice) => Type.Literal(choice)),
      options(annotations),
    ) as unknown as Annotated<TUnion<TLiteral<C[number]>[]>>;
  },

  /** A TCP port (0: any free one), or the word `off` for none. */
  portOrOff(
    annotations: SettingAnnotations & { default: number },
  ): Annotated<TUnion<[TInteger, TLiteral<'off'>]>> {
    return Type.Union(
      [Type.Integer({ minimum: 0, maximum: 65_535 }), Type.Literal('off')],
      options(annotations),
    ) as Annotated<TUnion<[TInteger, TLiteral<'off'>]>>;
  },

  /** A comma-separated list; set but empty is an error, since it would silently mean "all". */
  list(annotations: SettingAnnotations): TOptional<Annotated<TArray<TString>>> {
    return Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), options(annotations, { minItems: 1 })),
    ) as TOptional<Annotated<TArray<TString>>>;
  },
};
