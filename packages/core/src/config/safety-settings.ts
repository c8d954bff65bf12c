import { CONFIRM_MODES, type ConfirmMode } from '../safety/confirm-destructive.js';
import { SECRET_VALUE_POLICIES, type SecretValuePolicy } from '../safety/secret-value-policy.js';
import { allTools } from '../tools/all-tools.js';
import { ConfigError } from './config-error.js';

/** A start-up option as both apps offer it: a flag, usually an environment variable too. */
export interface OptionSpec {
  flag: string;
  env?: string;
  /** Used when neither the flag nor the variable is set ('' for none). */
  fallback: string;
  description: string;
  boolean?: boolean;
}

/**
 * Reads one option by flag name: the flag if given, else its variable, else the fallback,
 * with where the value came from, to name it in errors.
 */
export type OptionReader = (flag: string) => { value: string; source: string };

/** What an operator decides about what agents may see and do; every app reads the same. */
export interface SafetySettings {
  /** --tools / INFISICAL_ENABLED_TOOLS */
  enabledTools?: string[];
  /** --exclude-tools / INFISICAL_EXCLUDED_TOOLS */
  excludedTools?: string[];
  /** --secret-values / INFISICAL_SECRET_VALUES, narrowed by INFISICAL_MASK_SECRET_VALUES=true */
  secretValues: SecretValuePolicy;
  /** INFISICAL_FINGERPRINT_KEY (never a flag: command lines show in `ps`) */
  fingerprintKey?: string;
  /** --protect-env / INFISICAL_PROTECTED_ENVIRONMENTS */
  protectedEnvironments: string[];
  /** --allow-protected-writes / INFISICAL_ALLOW_PROTECTED_WRITES */
  allowProtectedWrites: boolean;
  /** --confirm-destructive / INFISICAL_CONFIRM_DESTRUCTIVE; --no-confirm means off */
  confirmDestructive: ConfirmMode;
  /** --audit-log / INFISICAL_AUDIT_LOG: a file path, or "stdout" / "stderr" */
  auditLog?: string;
}

export const SAFETY_OPTIONS: OptionSpec[] = [
  {
    flag: 'tools',
    env: 'INFISICAL_ENABLED_TOOLS',
    fallback: '',
    description: 'comma-separated allow-list of tool names (default: all)',
  },
  {
    flag: 'exclude-tools',
    env: 'INFISICAL_EXCLUDED_TOOLS',
    fallback: '',
    description: 'comma-separated tool names never to serve (applied after every other filter)',
  },
  {
    flag: 'secret-values',
    env: 'INFISICAL_SECRET_VALUES',
    fallback: 'reveal',
    description:
      'reveal: values as stored; mask: "<masked length=N fingerprint=…>"; deny: no values at all',
  },
  {
    flag: 'protect-env',
    env: 'INFISICAL_PROTECTED_ENVIRONMENTS',
    fallback: '',
    description: 'comma-separated environment slugs (* wildcards) where writes are refused',
  },
  {
    flag: 'allow-protected-writes',
    env: 'INFISICAL_ALLOW_PROTECTED_WRITES',
    fallback: 'false',
    description: 'allow writes into protected environments after all',
    boolean: true,
  },
  {
    flag: 'confirm-destructive',
    env: 'INFISICAL_CONFIRM_DESTRUCTIVE',
    fallback: 'auto',
    description:
      'auto: ask the user (elicitation) when the client can; always: also require a "confirm" argument when it cannot; off: never ask',
  },
  {
    flag: 'no-confirm',
    fallback: 'false',
    description: 'the same as --confirm-destructive off (automation)',
    boolean: true,
  },
  {
    flag: 'audit-log',
    env: 'INFISICAL_AUDIT_LOG',
    fallback: '',
    description:
      'write the audit trail (one JSON line per tool call) to this file (mode 600, never through a symbolic link), or "stderr" (or, over HTTP, "stdout"), instead of the log',
  },
];

/** Minimum length of INFISICAL_FINGERPRINT_KEY: a short key could be guessed from fingerprints. */
const MIN_FINGERPRINT_KEY_LENGTH = 16;

export function readSafetySettings(
  read: OptionReader,
  env: Record<string, string | undefined>,
): SafetySettings {
  const secretValues = readChoice(read('secret-values'), SECRET_VALUE_POLICIES);
  const masked = env.INFISICAL_MASK_SECRET_VALUES?.trim().toLowerCase() === 'true';
  const fingerprintKey = env.INFISICAL_FINGERPRINT_KEY?.trim() || undefined;
  if (fingerprintKey !== undefined && fingerprintKey.length < MIN_FINGERPRINT_KEY_LENGTH) {
    throw new ConfigError(
      `INFISICAL_FINGERPRINT_KEY must be at least ${MIN_FINGERPRINT_KEY_LENGTH} characters (a random string; e.g. openssl rand -hex 32).`,
    );
  }
  const confirm = read('confirm-destructive');
  const confirmValue =
    { true: 'always', false: 'off' }[confirm.value.toLowerCase()] ?? confirm.value;
  const confirmDestructive = isTrue(read('no-confirm'))
    ? 'off'
    : readChoice({ ...confirm, value: confirmValue }, CONFIRM_MODES);
  const auditLog = read('audit-log').value.trim() || undefined;
  return {
    enabledTools: readToolNames(read('tools')),
    excludedTools: readToolNames(read('exclude-tools')),
    // INFISICAL_MASK_SECRET_VALUES=true (the official server's variable) means at least mask.
    secretValues: masked && secretValues === 'reveal' ? 'mask' : secretValues,
    fingerprintKey,
    protectedEnvironments: readList(read('protect-env'), 'environment slugs') ?? [],
    allowProtectedWrites: isTrue(read('allow-protected-writes')),
    confirmDestructive,
    auditLog,
  };
}

/** A misspelt name must stop start-up, not silently serve (or exclude) other tools. */
function readToolNames(option: { value: string; source: string }): string[] | undefined {
  const names = readList(option, 'tools');
  const known = new Set(allTools.map((tool) => tool.name));
  const unknown = (names ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${option.source}: Unknown tool name${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Valid tools are: ${[...known].join(', ')}`,
    );
  }
  return names;
}

function readChoice<const T extends string>(
  option: { value: string; source: string },
  choices: readonly T[],
): T {
  const value = option.value.trim().toLowerCase();
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(
    `${option.source} must be one of ${choices.join(', ')} (got "${option.value}").`,
  );
}

function isTrue(option: { value: string; source: string }): boolean {
  const value = option.value.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  throw new ConfigError(`${option.source} must be "true" or "false" (got "${option.value}").`);
}

/** A comma-separated list; set but empty is an error (it would silently mean "all"). */
function readList(option: { value: string; source: string }, what: string): string[] | undefined {
  if (option.value === '') return undefined;
  const items = option.value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) {
    throw new ConfigError(`${option.source} is set but lists no ${what}: list some, or unset it.`);
  }
  return items;
}

/** Reads flags (as node:util parseArgs gives them) and variables for {@link readSafetySettings}. */
export function optionReader(
  specs: readonly OptionSpec[],
  flags: Record<string, string | boolean | undefined>,
  env: Record<string, string | undefined>,
): OptionReader {
  return (flag) => {
    const spec = specs.find((option) => option.flag === flag);
    if (!spec) throw new Error(`unknown option ${flag}`);
    const fromFlag = flags[flag];
    if (fromFlag !== undefined) return { value: String(fromFlag), source: `--${flag}` };
    const fromEnv = spec.env ? env[spec.env]?.trim() : undefined;
    if (fromEnv) return { value: fromEnv, source: spec.env as string };
    return { value: spec.fallback, source: spec.env ?? `--${flag}` };
  };
}
