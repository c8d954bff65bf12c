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

/** What a setting is when nobody sets it, as the documents say it. */
export function unsetText(schema: SettingSchema): string | undefined {
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
    const value = schema[Kind] === 'Boolean' ? '' : ' <value>';
    const unset = unsetText(schema);
    const fallback =
      schema[Kind] === 'Boolean' || unset === undefined ? '' : ` (default: ${plain(unset)})`;
    lines.push(`  --${schema.flag}${value}`);
    lines.push(
      `      ${plain(schema.description)}${fallback}${schema.env ? ` [${schema.env}]` : ''}`,
    );
  }
  const variablesOnly = settings.filter((schema) => !schema.flag);
  if (variablesOnly.length > 0) {
    lines.push('', 'Environment variables without a flag:');
    for (const schema of variablesOnly) {
      const unset = unsetText(schema);
      lines.push(`  ${schema.env}`);
      lines.push(
        `      ${plain(schema.description)}${unset === undefined ? '' : ` (default: ${plain(unset)})`}`,
      );
    }
  }
  return lines.join('\n');
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
