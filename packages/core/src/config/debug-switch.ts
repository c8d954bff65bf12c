/** The namespace the seed's Troubleshooting section told users to put in DEBUG. */
const DEBUG_NAMESPACE = 'infisical-mcp';

/**
 * Whether a `DEBUG` value, in the `debug` package's syntax (comma- or space-separated
 * patterns, `*` wildcards, `-` to exclude), turns on this server's debug logs: the seed's
 * `DEBUG=infisical-mcp:*` does, and so do `*` and `infisical-mcp*`.
 */
export function debugSwitchOn(debug: string | undefined): boolean {
  if (!debug) return false;
  const patterns = debug.split(/[\s,]+/).filter(Boolean);
  const matches = (pattern: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
      `${DEBUG_NAMESPACE}:server`,
    ) || pattern.replace(/:?\*$/, '') === DEBUG_NAMESPACE;
  const excluded = patterns.some((pattern) => pattern.startsWith('-') && matches(pattern.slice(1)));
  return !excluded && patterns.some((pattern) => !pattern.startsWith('-') && matches(pattern));
}

/** `--log-level` when given; else debug when DEBUG names this server; else the default. */
export function effectiveLogLevel(options: {
  logLevel: string;
  logLevelSet: boolean;
  debug: string | undefined;
}): string {
  if (!options.logLevelSet && debugSwitchOn(options.debug)) return 'debug';
  return options.logLevel;
}
