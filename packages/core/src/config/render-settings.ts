import { Kind } from '@sinclair/typebox';
import { choicesOf, settingName } from './read-settings.js';
import type { SettingGroup, SettingSchema } from './setting.js';

/** Every setting of the groups, in declaration order, each once (groups may share one). */
export function settingsOf(groups: readonly SettingGroup[]): SettingSchema[] {
  const seen = new Set<string>();
  const settings: SettingSchema[] = [];
  for (const group of groups) {
    for (const property of Object.values(group.properties)) {
      const schema = property as SettingSchema;
      const name = settingName(schema);
      if (seen.has(name)) continue;
      seen.add(name);
      settings.push(schema);
    }
  }
  return settings;
}

/** What a setting is when nobody sets it, as the documents say it; nothing for a command. */
export function unsetText(schema: SettingSchema): string | undefined {
  if (schema.command) return undefined;
  if (schema.unsetMeans !== undefined) return schema.unsetMeans;
  return schema.default === undefined ? undefined : String(schema.default);
}

const plain = (text: string) => text.replace(/`/g, '');

/** The `--help` lines of settings that have a flag; variables only are listed after them. */
export function renderHelpOptions(groups: readonly SettingGroup[]): string {
  const settings = settingsOf(groups);
  const lines: string[] = [];
  const flagged = settings.filter((schema) => schema.flag);
  for (const schema of flagged) {
    lines.push(
      `  --${schema.flag}${valueHint(schema)}${schema.env ? `  [${schema.env}]` : ''}${defaultNote(schema)}`,
    );
    lines.push(...wrap(plain(schema.description)));
  }
  const variablesOnly = settings.filter((schema) => !schema.flag);
  if (variablesOnly.length > 0) {
    lines.push('', 'Environment variables without a flag:');
    for (const schema of variablesOnly) {
      lines.push(`  ${schema.env}${defaultNote(schema)}`);
      lines.push(...wrap(plain(schema.description)));
    }
  }
  return lines.join('\n');
}

/** ` (default X)` for a setting that has one worth saying; switches are off by default. */
function defaultNote(schema: SettingSchema): string {
  const unset = unsetText(schema);
  if (schema[Kind] === 'Boolean' || unset === undefined) return '';
  return ` (default ${plain(unset)})`;
}

/** What follows a flag in `--help`: nothing for a switch, else the kind of value. */
function valueHint(schema: SettingSchema): string {
  switch (schema[Kind]) {
    case 'Boolean':
      return '';
    case 'Union': {
      const number = (schema.anyOf as SettingSchema[]).some((member) => member[Kind] === 'Integer');
      return ` <${[...(number ? ['number'] : []), ...choicesOf(schema)].join('|')}>`;
    }
    case 'Array':
      return ' <list>';
    case 'Integer':
    case 'Number':
      return ' <number>';
    default:
      return ' <value>';
  }
}

/** Indented lines of at most 100 columns, so `--help` reads in a terminal. */
function wrap(text: string, indent = '      ', width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

const code = (text: string) => `\`${text}\``;

/** The README table of the groups: flag, variable, default, meaning. */
export function renderSettingsTable(groups: readonly SettingGroup[]): string {
  const rows = settingsOf(groups).map((schema) => {
    const unset = unsetText(schema);
    const shownDefault =
      unset === undefined ? '—' : schema.unsetMeans !== undefined ? unset : code(unset);
    return `| ${schema.flag ? code(`--${schema.flag}`) : '—'} | ${schema.env ? code(schema.env) : '—'} | ${shownDefault} | ${schema.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Flag | Variable | Default | Meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** Every variable the groups read, for a compose file's `environment:` passthrough. */
export function settingVariables(groups: readonly SettingGroup[]): string[] {
  return settingsOf(groups)
    .map((schema) => schema.env)
    .filter((env): env is string => env !== undefined);
}

/** server.json's `environmentVariables` for a package, from the same declarations. */
export function renderServerJsonVariables(groups: readonly SettingGroup[]) {
  return settingsOf(groups)
    .filter((schema) => schema.env)
    .map((schema) => {
      const choices = schema[Kind] === 'Union' ? choicesOf(schema) : undefined;
      const format =
        schema[Kind] === 'Boolean' ? 'boolean' : schema[Kind] === 'Integer' ? 'number' : 'string';
      return {
        name: schema.env as string,
        description: plain(schema.description),
        format,
        ...(schema.default !== undefined && schema.unsetMeans === undefined
          ? { default: String(schema.default) }
          : {}),
        ...(choices ? { choices } : {}),
        isRequired: false,
        isSecret: schema.secret === true,
      };
    });
}
