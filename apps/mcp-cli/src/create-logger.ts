import { LOG_REDACT_PATHS } from '@infisical/mcp-core';
import pino from 'pino';

/** Logs go to stderr (fd 2) only: stdout is the MCP protocol channel. */
export function createStderrLogger(level: string) {
  return pino(
    {
      name: 'infisical-mcp',
      level,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
