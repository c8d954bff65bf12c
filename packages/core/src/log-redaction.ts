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
  // Headers a client uses to bring its own Infisical identity to the HTTP server.
  'req.headers["x-infisical-token"]',
  'req.headers["x-infisical-client-secret"]',
  'headers["x-infisical-token"]',
  'headers["x-infisical-client-secret"]',
  // WebSocket clients that cannot set headers send `bearer.<token>` as a subprotocol.
  'req.headers["sec-websocket-protocol"]',
  'headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-infisical-token"]',
  '*.headers["x-infisical-client-secret"]',
  '*.headers["sec-websocket-protocol"]',
];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
