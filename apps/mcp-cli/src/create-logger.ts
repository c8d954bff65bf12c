import { ConfigError, LOG_LEVELS, LOG_REDACT_PATHS } from '@infisical/mcp-core';
import pino from 'pino';

/** Logs go to stderr (fd 2) only: stdout is the MCP protocol channel. */
export function createStderrLogger(level: string | undefined) {
  const chosen = level?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(chosen)) {
    throw new ConfigError(
      `INFISICAL_MCP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${chosen}").`,
    );
  }
  return pino(
    {
      name: 'infisical-mcp',
      level: chosen,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
