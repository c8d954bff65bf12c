/**
 * The files generated from the settings' declarations: the README's option tables, the compose
 * file's environment passthrough and server.json's environment variables. `settings-docs.test.ts`
 * fails while one is stale; `UPDATE_SETTINGS_DOCS=1` (the root `settings-docs` script) rewrites
 * them.
 */
import {
  DYNAMIC_TOOLSET_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
  PROCESS_SETTINGS,
  renderServerJsonVariables,
  renderSettingsTable,
  SAFETY_SETTINGS,
  settingVariables,
  TOOL_SETTINGS,
} from '@infisical/mcp-core';
import { STDIO_SETTING_GROUPS } from '../../../../apps/mcp-cli/src/stdio-settings.js';
import { HTTP_SETTING_GROUPS } from '../../../../apps/mcp-http/src/http-settings.js';

type Binary = 'stdio' | 'http';

const GROUPS = { stdio: STDIO_SETTING_GROUPS, http: HTTP_SETTING_GROUPS } as const;

/** The README's HTTP table lists only what the stdio table does not. */
const SHARED = new Set<unknown>([
  PROCESS_SETTINGS,
  TOOL_SETTINGS,
  DYNAMIC_TOOLSET_SETTINGS,
  SAFETY_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
]);

/** Items of a service's `environment:` list, as the compose file indents them. */
const indent = '      ';

/** The image sets these for the port mappings: compose must not pass them through. */
const SET_BY_THE_IMAGE = new Set([
  'INFISICAL_MCP_HOST',
  'INFISICAL_MCP_PORT',
  'INFISICAL_MCP_WS_PORT',
]);

/** Text between `start` and `end` markers replaced by `body`; the markers themselves stay. */
function replaceBetween(
  text: string,
  start: RegExp,
  end: string,
  body: (before: string) => string,
) {
  let out = '';
  let rest = text;
  for (;;) {
    const opened = start.exec(rest);
    if (!opened) return out + rest;
    const afterStart = opened.index + opened[0].length;
    const closeAt = rest.indexOf(end, afterStart);
    if (closeAt < 0) throw new Error(`${opened[0]} has no ${end}`);
    out += rest.slice(0, afterStart) + body(out + rest.slice(0, opened.index));
    rest = rest.slice(closeAt);
  }
}

export function readmeWithTables(readme: string): string {
  let text = readme;
  for (const binary of ['stdio', 'http'] as const) {
    const groups = GROUPS[binary].filter((group) => binary === 'stdio' || !SHARED.has(group));
    text = replaceBetween(
      text,
      new RegExp(`<!-- settings:${binary}:start -->\\n`),
      `<!-- settings:${binary}:end -->`,
      () => `${renderSettingsTable(groups)}\n`,
    );
  }
  return text;
}

/**
 * Each service's `environment:` list ends with the variables its server reads that the lines
 * above do not set already, each passed through from the shell when set there.
 */
export function composeWithPassthrough(compose: string): string {
  let text = compose;
  for (const binary of ['stdio', 'http'] as const) {
    text = replaceBetween(
      text,
      new RegExp(`# settings:${binary}:start[^\\n]*\\n`),
      `# settings:${binary}:end`,
      (before) => {
        const block = before.slice(before.lastIndexOf('environment:'));
        const setAbove = new Set([...block.matchAll(/^ *- ([A-Z0-9_]+)=/gm)].map((m) => m[1]));
        return (
          settingVariables(GROUPS[binary])
            .filter((name) => !setAbove.has(name) && !SET_BY_THE_IMAGE.has(name))
            .map((name) => `${indent}- ${name}\n`)
            .join('') + indent
        );
      },
    );
  }
  return text;
}

/** The registry's clients configure through variables: the ones both binaries read. */
export function serverJsonWithVariables(serverJson: string): string {
  const server = JSON.parse(serverJson) as {
    packages: { identifier: string; environmentVariables?: unknown[] }[];
  };
  for (const pkg of server.packages) {
    const binary: Binary = pkg.identifier === '@infisical/mcp' ? 'stdio' : 'http';
    const groups = [
      INFISICAL_CONNECTION_SETTINGS,
      TOOL_SETTINGS,
      ...(binary === 'stdio' ? [DYNAMIC_TOOLSET_SETTINGS] : []),
      SAFETY_SETTINGS,
      PROCESS_SETTINGS,
    ];
    pkg.environmentVariables = renderServerJsonVariables(groups).filter((variable) =>
      variable.name.startsWith('INFISICAL_'),
    );
  }
  return `${JSON.stringify(server, null, 2)}\n`;
}
