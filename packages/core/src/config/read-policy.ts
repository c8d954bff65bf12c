import { openAuditDestination } from '../safety/audit-destination.js';
import type { ConfirmMode } from '../safety/confirm-destructive.js';
import { defaultValueMasker, type Policy } from '../safety/policy.js';
import { narrowerValuePolicy, SecretValueMasker } from '../safety/secret-value-policy.js';
import { allTools } from '../tools/all-tools.js';
import { ConfigError } from './config-error.js';
import type { POLICY_SETTINGS } from './infisical-settings.js';
import { parseToolsets } from './read-infisical-env.js';
import type { ReadSettings } from './read-settings.js';
import type { SettingValues } from './setting.js';

/** Minimum length of INFISICAL_FINGERPRINT_KEY: a short key could be guessed from fingerprints. */
const MIN_FINGERPRINT_KEY_LENGTH = 16;

export interface PolicyFromSettings {
  policy: Policy;
  /** --audit-log as given, before it is opened (stdio refuses `stdout`). */
  auditLog?: string;
}

/**
 * The policy the tool and safety settings describe; the audit destination is opened only by
 * {@link openPolicyAudit}, once the caller has checked it.
 */
export function readPolicy(
  read: ReadSettings<SettingValues<typeof POLICY_SETTINGS>>,
): PolicyFromSettings {
  const { values, sourceOf } = read;
  const fingerprintKey = values.fingerprintKey;
  if (fingerprintKey !== undefined && fingerprintKey.length < MIN_FINGERPRINT_KEY_LENGTH) {
    throw new ConfigError(
      `${sourceOf('fingerprintKey')} must be at least ${MIN_FINGERPRINT_KEY_LENGTH} characters (a random string; e.g. openssl rand -hex 32).`,
    );
  }
  const confirm = values.confirmDestructive;
  const confirmDestructive: ConfirmMode = values.noConfirm
    ? 'off'
    : confirm === 'true'
      ? 'always'
      : confirm === 'false'
        ? 'off'
        : confirm;
  return {
    policy: {
      readOnly: values.readOnly,
      toolsets: values.toolsets && parseToolsets(values.toolsets.join(','), sourceOf('toolsets')),
      enabledTools: knownToolNames(values.tools, sourceOf('tools')),
      excludedTools: knownToolNames(values.excludeTools, sourceOf('excludeTools')),
      // INFISICAL_MASK_SECRET_VALUES=true (the official server's variable) means at least mask.
      secretValues: narrowerValuePolicy(
        values.secretValues,
        values.maskSecretValues ? 'mask' : undefined,
      ),
      valueMasker: fingerprintKey ? new SecretValueMasker(fingerprintKey) : defaultValueMasker(),
      protectedEnvironments: values.protectedEnvironments ?? [],
      allowProtectedWrites: values.allowProtectedWrites,
      confirmDestructive,
    },
    auditLog: values.auditLog,
  };
}

/** The policy with its audit destination open; errors name the option it came from. */
export function openPolicyAudit(
  { policy, auditLog }: PolicyFromSettings,
  source = '--audit-log',
): Policy {
  return auditLog ? { ...policy, audit: openAuditDestination(auditLog, source) } : policy;
}

/** A misspelt name must stop start-up, not silently serve (or exclude) other tools. */
function knownToolNames(names: string[] | undefined, source: string): string[] | undefined {
  if (!names) return undefined;
  const known = new Set(allTools.map((tool) => tool.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${source}: Unknown tool name${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Valid tools are: ${[...known].join(', ')}`,
    );
  }
  return names;
}
