/**
 * Keys whose values must never reach a log line, for pino's `redact` option. Core never logs
 * them; this guards against a log call added later, and against request headers.
 */
export const SENSITIVE_LOG_KEYS = [
  'clientSecret',
  'accessToken',
  'token',
  'secretValue',
  'authorization',
  'cookie',
];

export const LOG_REDACT_PATHS = [
  ...SENSITIVE_LOG_KEYS,
  ...SENSITIVE_LOG_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
