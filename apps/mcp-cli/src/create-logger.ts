import { ConfigError } from '@infisical/mcp-core';
import pino from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Logs go to stderr (fd 2) only: stdout is the MCP protocol channel. Credentials are redacted
 * by key wherever they appear in a log object.
 */
export function createStderrLogger(level: string | undefined) {
  const chosen = level?.trim().toLowerCase() || 'info';
  if (!LEVELS.includes(chosen)) {
    throw new ConfigError(
      `INFISICAL_MCP_LOG_LEVEL must be one of ${LEVELS.join(', ')} (got "${chosen}").`,
    );
  }
  return pino(
    {
      name: 'infisical-mcp',
      level: chosen,
      redact: {
        paths: [
          'clientSecret',
          'accessToken',
          'token',
          'secretValue',
          'authorization',
          '*.clientSecret',
          '*.accessToken',
          '*.token',
          '*.secretValue',
          '*.authorization',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}
