import { DEFAULT_INFISICAL_HOST_URL } from '../infisical/create-infisical-client.js';
import { DEFAULT_TIMEOUT_MS } from '../infisical/infisical-http.js';
import { LOG_LEVELS } from '../log-redaction.js';
import { CONFIRM_MODES } from '../safety/confirm-destructive.js';
import { SECRET_VALUE_POLICIES } from '../safety/secret-value-policy.js';
import { Setting, settingGroup } from './setting.js';

/**
 * The settings every server shares, declared once: each is read, validated, documented in
 * `--help` and the README, and passed through by the compose file from these declarations.
 */

/** How to reach Infisical: the official server's variables, same names and meaning. */
export const INFISICAL_CONNECTION_SETTINGS = settingGroup({
  hostUrl: Setting.string({
    env: 'INFISICAL_HOST_URL',
    default: DEFAULT_INFISICAL_HOST_URL,
    description: 'Base URL of your Infisical instance (a trailing `/api` is tolerated)',
  }),
  authMethod: Setting.choice(['universal-auth', 'access-token'], {
    env: 'INFISICAL_AUTH_METHOD',
    default: 'universal-auth',
    description: '`universal-auth` (machine identity) or `access-token`',
  }),
  clientId: Setting.optionalString({
    env: 'INFISICAL_UNIVERSAL_AUTH_CLIENT_ID',
    description: 'Machine identity client ID (universal-auth)',
  }),
  clientSecret: Setting.optionalString({
    env: 'INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET',
    description: 'Machine identity client secret (universal-auth)',
    secret: true,
  }),
  accessToken: Setting.optionalString({
    env: 'INFISICAL_TOKEN',
    description: 'Access token (access-token)',
    secret: true,
  }),
  tokenStrategy: Setting.choice(['cached', 'per-call'], {
    env: 'INFISICAL_TOKEN_STRATEGY',
    default: 'cached',
    description:
      '`cached`: log in once, renew before expiry, log in again after the max TTL. `per-call`: a fresh login for every tool call (the seed FlowMCP behaviour), its token revoked after the call',
  }),
  requestTimeoutMs: Setting.integer({
    env: 'INFISICAL_REQUEST_TIMEOUT_MS',
    default: DEFAULT_TIMEOUT_MS,
    minimum: 1,
    description:
      'Timeout in milliseconds of each request to Infisical, its retries included (reads are retried after a 429, a 5xx or a lost connection)',
  }),
});

/** Which tools a server serves. */
export const TOOL_SETTINGS = settingGroup({
  readOnly: Setting.boolean({
    flag: 'read-only',
    env: 'INFISICAL_READ_ONLY',
    description: 'serve only read-only tools, even when an allow-list names others',
  }),
  toolsets: Setting.list({
    flag: 'toolsets',
    env: 'INFISICAL_TOOLSETS',
    unsetMeans: 'core',
    description:
      'comma-separated toolsets to serve: `core` (the default set of everyday tools), `all`, or secrets, projects, environments, folders, access (alias: members), tags, imports, snapshots, dynamic-secrets, kms, sharing',
  }),
  tools: Setting.list({
    flag: 'tools',
    env: 'INFISICAL_ENABLED_TOOLS',
    unsetMeans: 'all',
    description: 'comma-separated allow-list of tool names; an unknown name stops start-up',
  }),
  excludeTools: Setting.list({
    flag: 'exclude-tools',
    env: 'INFISICAL_EXCLUDED_TOOLS',
    unsetMeans: 'none',
    description: 'comma-separated tool names never served, applied after every other filter',
  }),
});

/** Start small and let the client enable toolsets: stdio and library servers. */
export const DYNAMIC_TOOLSET_SETTINGS = settingGroup({
  dynamicToolsets: Setting.boolean({
    flag: 'dynamic-toolsets',
    env: 'INFISICAL_DYNAMIC_TOOLSETS',
    description:
      'start with five reads plus `list-toolsets` and `enable-toolset`, which adds a toolset (within `--toolsets`, all by default) to the session',
  }),
});

/** What agents may see and do: values, protected environments, confirmations, the audit trail. */
export const SAFETY_SETTINGS = settingGroup({
  secretValues: Setting.choice(SECRET_VALUE_POLICIES, {
    flag: 'secret-values',
    env: 'INFISICAL_SECRET_VALUES',
    default: 'reveal',
    description:
      'what tool output carries of secret values: `reveal` (as stored), `mask` (`<masked length=N fingerprint=…>`) or `deny` (nothing)',
  }),
  maskSecretValues: Setting.boolean({
    env: 'INFISICAL_MASK_SECRET_VALUES',
    description: "the official server's switch: `true` means at least `mask`",
  }),
  fingerprintKey: Setting.optionalString({
    env: 'INFISICAL_FINGERPRINT_KEY',
    unsetMeans: 'random per process',
    secret: true,
    description:
      'key of the mask fingerprints (HMAC-SHA256), at least 16 characters; set it to compare fingerprints across restarts and replicas',
  }),
  protectedEnvironments: Setting.list({
    flag: 'protect-env',
    env: 'INFISICAL_PROTECTED_ENVIRONMENTS',
    unsetMeans: 'none',
    description: 'comma-separated environment slugs (`*` wildcards) where writes are refused',
  }),
  allowProtectedWrites: Setting.boolean({
    flag: 'allow-protected-writes',
    env: 'INFISICAL_ALLOW_PROTECTED_WRITES',
    description: 'lift that protection',
  }),
  confirmDestructive: Setting.choice([...CONFIRM_MODES, 'true', 'false'], {
    flag: 'confirm-destructive',
    env: 'INFISICAL_CONFIRM_DESTRUCTIVE',
    default: 'auto',
    description:
      '`auto`: ask the user (elicitation) when the client can; `always`: also require a `confirm` argument when it cannot; `off`: never ask (`true`/`false` mean `always`/`off`)',
  }),
  noConfirm: Setting.boolean({
    flag: 'no-confirm',
    description: 'the same as `--confirm-destructive off` (automation)',
  }),
  auditLog: Setting.optionalString({
    flag: 'audit-log',
    env: 'INFISICAL_AUDIT_LOG',
    unsetMeans: 'the log',
    description:
      'write the audit trail (one JSON line per tool call) to this file (mode 600, never through a symbolic link), or `stderr` (or, over HTTP, `stdout`), instead of the log',
  }),
});

/** Tools and safety together: what {@link readPolicy} turns into one policy. */
export const POLICY_SETTINGS = settingGroup({
  ...TOOL_SETTINGS.properties,
  ...SAFETY_SETTINGS.properties,
});

/** How the process runs, whatever it serves. */
export const PROCESS_SETTINGS = settingGroup({
  sandbox: Setting.boolean({
    flag: 'sandbox',
    env: 'INFISICAL_MCP_SANDBOX',
    description:
      'start an in-memory Infisical sandbox with a demo project and use it; nothing is stored',
  }),
  logLevel: Setting.choice(LOG_LEVELS, {
    flag: 'log-level',
    env: 'INFISICAL_MCP_LOG_LEVEL',
    default: 'info',
    description: 'JSON logs (pino): `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
  }),
  debug: Setting.optionalString({
    env: 'DEBUG',
    unsetMeans: 'none',
    description:
      '`infisical-mcp:*` (or any pattern matching `infisical-mcp`) turns on debug logs, as `--log-level debug` does, unless a log level is set',
  }),
});

/** One-shot commands that need no valid server settings. */
export const COMMAND_SETTINGS = settingGroup({
  help: Setting.command({ flag: 'help', description: 'print this help and exit' }),
  version: Setting.command({ flag: 'version', description: 'print the version and exit' }),
});

/** `-h` and `-v`, as most command-line tools take them. */
export const COMMAND_SHORT_FLAGS = { help: 'h', version: 'v' } as const;
