import {
  COMMAND_SETTINGS,
  COMMAND_SHORT_FLAGS,
  DYNAMIC_TOOLSET_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
  PROCESS_SETTINGS,
  parseSettingFlags,
  readSettings,
  renderHelpOptions,
  SAFETY_SETTINGS,
  settingGroup,
  TOOL_SETTINGS,
} from '@infisical/mcp-core';

/**
 * Every setting of the stdio server, in the order `--help` and the README list them. The
 * connection group is read by readInfisicalEnv; the others here.
 */
export const STDIO_SETTING_GROUPS = [
  PROCESS_SETTINGS,
  TOOL_SETTINGS,
  DYNAMIC_TOOLSET_SETTINGS,
  SAFETY_SETTINGS,
  INFISICAL_CONNECTION_SETTINGS,
  COMMAND_SETTINGS,
] as const;

const STDIO_SETTINGS = settingGroup({
  ...PROCESS_SETTINGS.properties,
  ...TOOL_SETTINGS.properties,
  ...DYNAMIC_TOOLSET_SETTINGS.properties,
  ...SAFETY_SETTINGS.properties,
});

export type StdioInvocation =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'serve'; settings: ReturnType<typeof readStdioSettings> };

/** What the command line asks for; --help and --version need no valid settings. */
export function readStdioInvocation(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): StdioInvocation {
  const flags = parseSettingFlags(argv, STDIO_SETTING_GROUPS, COMMAND_SHORT_FLAGS);
  if (flags.help) return { command: 'help' };
  if (flags.version) return { command: 'version' };
  return { command: 'serve', settings: readStdioSettings(flags, env) };
}

function readStdioSettings(
  flags: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
) {
  return readSettings(STDIO_SETTINGS, { flags, env });
}

export function stdioUsage(): string {
  return `Usage: infisical-mcp [options]

Serves Infisical tools to an MCP client over stdio. Every option is also an environment
variable (shown in brackets); a flag wins over its variable. A missing or invalid setting
stops start-up with one line on stderr and exit code 1.

Options:
${renderHelpOptions(STDIO_SETTING_GROUPS)}
`;
}
