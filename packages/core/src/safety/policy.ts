import { SAFETY_SETTINGS, TOOL_SETTINGS } from '../config/infisical-settings.js';
import type { AuditSink } from './audit-trail.js';
import type { ConfirmMode } from './confirm-destructive.js';
import {
  narrowerValuePolicy,
  SecretValueMasker,
  type SecretValuePolicy,
} from './secret-value-policy.js';

/**
 * Everything an operator decides about what agents may see and do: which tools, what values,
 * which environments, when to ask, where the trail goes. One value from start-up to each
 * server, narrowed per client by {@link narrowPolicy}; `createInfisicalMcpServer` takes it
 * whole, so no field can be dropped on the way.
 */
export interface Policy {
  /** Only tools annotated read-only, even when an allow-list names others. */
  readOnly: boolean;
  /** Only tools of these toolsets (`core`: the default core set); undefined: every toolset. */
  toolsets?: readonly string[];
  /** Only tools of these toolsets too: a client's own narrower choice. */
  clientToolsets?: readonly string[];
  /** Only these tool names (unknown names throw); undefined: every tool. */
  enabledTools?: readonly string[];
  /** Never these tool names (unknown names throw), applied last. */
  excludedTools?: readonly string[];
  /** What tool output carries of secret values. */
  secretValues: SecretValuePolicy;
  /** Makes mask fingerprints; share one between servers whose fingerprints should compare. */
  valueMasker: SecretValueMasker;
  /** Environment slugs (`*` wildcards) where writes are refused. */
  protectedEnvironments: readonly string[];
  /** Lift that protection. */
  allowProtectedWrites: boolean;
  confirmDestructive: ConfirmMode;
  /** Where audit entries go: undefined for the server's log, `false` for nowhere. */
  audit?: AuditSink | false;
}

let processMasker: SecretValueMasker | undefined;

/** One random fingerprint key per process unless the caller brings a masker. */
export function defaultValueMasker(): SecretValueMasker {
  processMasker ??= new SecretValueMasker();
  return processMasker;
}

/**
 * The official server's behaviour: every tool, values revealed, nothing protected. The
 * defaults are the settings' own, declared once in {@link SAFETY_SETTINGS}.
 */
export function defaultPolicy(overrides: Partial<Policy> = {}): Policy {
  const safety = SAFETY_SETTINGS.properties;
  return {
    readOnly: TOOL_SETTINGS.properties.readOnly.default as boolean,
    secretValues: safety.secretValues.default as SecretValuePolicy,
    valueMasker: defaultValueMasker(),
    protectedEnvironments: [],
    allowProtectedWrites: safety.allowProtectedWrites.default as boolean,
    confirmDestructive: safety.confirmDestructive.default as ConfirmMode,
    ...overrides,
  };
}

/**
 * What one client (an API key, an OAuth token, per-client headers) asks for. Tools, values
 * and protected environments can only narrow the server's policy; `allowProtectedWrites` and
 * `confirmDestructive` are the operator's decision for that key (a deploy key may write to
 * prod; an automation key need not be asked), so they replace the server's.
 */
export interface PolicyNarrowing {
  readOnly?: boolean;
  toolsets?: readonly string[];
  tools?: readonly string[];
  excludeTools?: readonly string[];
  secretValues?: SecretValuePolicy;
  protectedEnvironments?: readonly string[];
  allowProtectedWrites?: boolean;
  confirmDestructive?: ConfirmMode;
}

/** The one place a policy is narrowed for a client. */
export function narrowPolicy(policy: Policy, narrowing: PolicyNarrowing | undefined): Policy {
  if (!narrowing) return policy;
  return {
    ...policy,
    readOnly: policy.readOnly || narrowing.readOnly === true,
    clientToolsets: intersect(policy.clientToolsets, narrowing.toolsets),
    enabledTools: intersect(policy.enabledTools, narrowing.tools),
    excludedTools: union(policy.excludedTools, narrowing.excludeTools),
    secretValues: narrowerValuePolicy(policy.secretValues, narrowing.secretValues),
    protectedEnvironments:
      union(policy.protectedEnvironments, narrowing.protectedEnvironments) ?? [],
    allowProtectedWrites: narrowing.allowProtectedWrites ?? policy.allowProtectedWrites,
    confirmDestructive: narrowing.confirmDestructive ?? policy.confirmDestructive,
  };
}

function intersect(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): readonly string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.filter((name) => b.includes(name));
}

function union(
  a: readonly string[] | undefined,
  b: readonly string[] | undefined,
): readonly string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return [...new Set([...a, ...b])];
}
