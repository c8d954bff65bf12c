import { parseArgs } from 'node:util';
import { Kind, OptionalKind, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ConfigError } from './config-error.js';
import type { SettingGroup, SettingSchema, SettingValues } from './setting.js';

/** Flags as `node:util` parseArgs gives them, and the environment. */
export interface SettingsInput {
  flags: Readonly<Record<string, string | boolean | undefined>>;
  env: Readonly<Record<string, string | undefined>>;
}

export interface ReadSettings<V> {
  values: V;
  /** What the user typed for a setting (`--port`, `INFISICAL_MCP_PORT`), to name it in errors. */
  sourceOf(key: keyof V & string): string;
  /** Whether the flag or the variable was set, rather than the default used. */
  isSet(key: keyof V & string): boolean;
}

/** The flag and variable of a setting as a user would type them; the flag first. */
export function settingName(schema: SettingSchema): string {
  return schema.flag ? `--${schema.flag}` : (schema.env as string);
}

/**
 * Reads a group: for each setting its flag, else its variable, else its default; converts the
 * text to the schema's type and checks it against the schema. An error names what the user
 * typed and quotes the value (never a secret's).
 */
export function readSettings<G extends SettingGroup>(
  group: G,
  input: SettingsInput,
): ReadSettings<SettingValues<G>> {
  const values: Record<string, unknown> = {};
  const sources: Record<string, { source: string; set: boolean }> = {};
  for (const [key, property] of Object.entries(group.properties)) {
    const schema = property as SettingSchema;
    const given = rawValue(schema, input);
    sources[key] = given ?? { source: settingName(schema), set: false };
    if (given === undefined) {
      if (schema.default !== undefined) values[key] = schema.default;
      continue;
    }
    values[key] = convert(schema, given.value, given.source);
  }
  return {
    values: values as SettingValues<G>,
    sourceOf: (key) => sources[key]?.source ?? key,
    isSet: (key) => sources[key]?.set ?? false,
  };
}

function rawValue(
  schema: SettingSchema,
  { flags, env }: SettingsInput,
): { value: string; source: string; set: true } | undefined {
  const fromFlag = schema.flag ? flags[schema.flag] : undefined;
  if (fromFlag !== undefined)
    return { value: String(fromFlag), source: `--${schema.flag}`, set: true };
  // An empty variable is unset: compose files and shells pass empty strings for "nothing".
  const fromEnv = schema.env ? env[schema.env]?.trim() : undefined;
  if (fromEnv) return { value: fromEnv, source: schema.env as string, set: true };
  return undefined;
}

function convert(schema: SettingSchema, text: string, source: string): unknown {
  const shown = schema.secret ? 'a value that is not valid' : `"${text}"`;
  const fail = (expected: string): never => {
    throw new ConfigError(`${source}: expected ${expected}, got ${shown}.`);
  };
  const value = parse(schema, text.trim());
  if (value === undefined || !Value.Check(stripOptional(schema), value)) {
    if (schema.type === 'array' && value !== undefined && (value as string[]).length === 0) {
      throw new ConfigError(`${source} is set but lists nothing: list some, or unset it.`);
    }
    fail(expectation(schema));
  }
  return value;
}

/** The text as the schema's type; undefined when it cannot be read as one. */
function parse(schema: SettingSchema, text: string): unknown {
  switch (schema[Kind]) {
    case 'Boolean': {
      const lower = text.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    case 'Integer':
    case 'Number':
      return text === '' ? undefined : Number(text);
    case 'Union': {
      const lower = text.toLowerCase();
      if (choicesOf(schema).includes(lower)) return lower;
      return numberMember(schema) ? Number(text) : lower;
    }
    case 'Array':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

function expectation(schema: SettingSchema): string {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  switch (schema[Kind]) {
    case 'Boolean':
      return 'true or false';
    case 'Integer':
      if (minimum !== undefined && maximum !== undefined) {
        return `an integer from ${minimum} to ${maximum}`;
      }
      return minimum !== undefined ? `an integer >= ${minimum}` : 'an integer';
    case 'Number':
      return minimum !== undefined ? `a number >= ${minimum}` : 'a number';
    case 'Union': {
      const number = numberMember(schema);
      const choices = choicesOf(schema);
      return number
        ? `${expectation(number as SettingSchema)} or ${choices.join(', ')}`
        : `one of ${choices.join(', ')}`;
    }
    case 'Array':
      return 'a comma-separated list';
    default:
      return 'a value';
  }
}

/** The literal values a choice setting accepts. */
export function choicesOf(schema: TSchema): string[] {
  return ((schema.anyOf ?? []) as { const?: string }[])
    .map((member) => member.const)
    .filter((value): value is string => typeof value === 'string');
}

/** The number a union also accepts (a port besides `off`), if any. */
function numberMember(schema: TSchema): TSchema | undefined {
  return ((schema.anyOf ?? []) as TSchema[]).find(
    (member) => member[Kind] === 'Integer' || member[Kind] === 'Number',
  );
}

function stripOptional(schema: TSchema): TSchema {
  if (!(OptionalKind in schema)) return schema;
  const { [OptionalKind]: _optional, ...rest } = schema as TSchema & { [OptionalKind]?: string };
  return rest as TSchema;
}

/**
 * Parses the command line against every flag the groups declare. A mistake (an unknown flag,
 * a stray argument, a missing value) is a {@link ConfigError} like any other.
 */
export function parseSettingFlags(
  argv: readonly string[],
  groups: readonly SettingGroup[],
  shortFlags: Readonly<Record<string, string>> = {},
): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const group of groups) {
    for (const property of Object.values(group.properties)) {
      const schema = property as SettingSchema;
      if (!schema.flag) continue;
      options[schema.flag] = {
        type: schema[Kind] === 'Boolean' ? 'boolean' : 'string',
        ...(shortFlags[schema.flag] ? { short: shortFlags[schema.flag] } : {}),
      };
    }
  }
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message} (see --help)`);
  }
}
