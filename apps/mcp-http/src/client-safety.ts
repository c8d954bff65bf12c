import {
  allTools,
  CONFIRM_MODES,
  ConfigError,
  type ConfirmMode,
  narrowerValuePolicy,
  type SafetySettings,
  SECRET_VALUE_POLICIES,
  type SecretValuePolicy,
} from '@infisical/mcp-core';

/**
 * What one API key may see and do beyond the server's settings. Tools, values and protected
 * environments can only narrow what the server allows; `allowProtectedWrites` and
 * `confirmDestructive` are the operator's decision for that key (a deploy key may write to
 * prod; an automation key need not be asked).
 */
export interface ClientSafety {
  tools?: string[];
  excludeTools?: string[];
  secretValues?: SecretValuePolicy;
  protectedEnvironments?: string[];
  allowProtectedWrites?: boolean;
  confirmDestructive?: ConfirmMode;
}

const TOOL_NAMES = new Set(allTools.map((tool) => tool.name));

/** Reads the safety fields of one entry of --api-keys; `where` names the entry in errors. */
export function readClientSafety(entry: Record<string, unknown>, where: string): ClientSafety {
  const names = (field: string, known?: Set<string>): string[] | undefined => {
    const value = entry[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item)) {
      throw new ConfigError(`${where}: "${field}" must be an array of names.`);
    }
    const unknown = known ? value.filter((name) => !known.has(name)) : [];
    if (unknown.length > 0) {
      throw new ConfigError(`${where}: "${field}" names unknown tools: ${unknown.join(', ')}.`);
    }
    return value as string[];
  };
  const choice = <T extends string>(field: string, choices: readonly T[]): T | undefined => {
    const value = entry[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      throw new ConfigError(`${where}: "${field}" must be one of ${choices.join(', ')}.`);
    }
    return value as T;
  };
  const allowProtectedWrites = entry.allowProtectedWrites;
  if (allowProtectedWrites !== undefined && typeof allowProtectedWrites !== 'boolean') {
    throw new ConfigError(`${where}: "allowProtectedWrites" must be true or false.`);
  }
  return {
    tools: names('tools', TOOL_NAMES),
    excludeTools: names('excludeTools', TOOL_NAMES),
    secretValues: choice('secretValues', SECRET_VALUE_POLICIES),
    protectedEnvironments: names('protectedEnvironments'),
    allowProtectedWrites,
    confirmDestructive: choice('confirmDestructive', CONFIRM_MODES),
  };
}

/**
 * OAuth scopes that narrow the value policy of a token's sessions, as an API key's
 * `secretValues` does: `mcp:secret-values:mask`, `mcp:secret-values:deny`.
 */
export const SECRET_VALUE_SCOPE_PREFIX = 'mcp:secret-values:';

export function safetyFromScopes(scopes: readonly string[]): ClientSafety {
  let secretValues: SecretValuePolicy | undefined;
  for (const scope of scopes) {
    if (!scope.startsWith(SECRET_VALUE_SCOPE_PREFIX)) continue;
    const policy = scope.slice(SECRET_VALUE_SCOPE_PREFIX.length) as SecretValuePolicy;
    if (SECRET_VALUE_POLICIES.includes(policy)) {
      secretValues = narrowerValuePolicy(secretValues ?? 'reveal', policy);
    }
  }
  return { secretValues };
}

/** The server's settings narrowed by a client's own (API key), for that client's sessions. */
export function settingsForClient(server: SafetySettings, client: ClientSafety | undefined) {
  return {
    enabledTools: intersect(server.enabledTools, client?.tools),
    excludedTools: union(server.excludedTools, client?.excludeTools),
    secretValues: narrowerValuePolicy(server.secretValues, client?.secretValues),
    protectedEnvironments: union(server.protectedEnvironments, client?.protectedEnvironments) ?? [],
    allowProtectedWrites: client?.allowProtectedWrites ?? server.allowProtectedWrites,
    confirmDestructive: client?.confirmDestructive ?? server.confirmDestructive,
  };
}

function intersect(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.filter((name) => b.includes(name));
}

function union(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return [...new Set([...a, ...b])];
}
