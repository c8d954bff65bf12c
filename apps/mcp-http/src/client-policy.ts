import {
  allTools,
  CONFIRM_MODES,
  ConfigError,
  canonicalToolsetName,
  narrowerValuePolicy,
  type PolicyNarrowing,
  SECRET_VALUE_POLICIES,
  type SecretValuePolicy,
} from '@infisical/mcp-core';
import type { ClientPrincipal } from '@infisical/mcp-transport-http';

const TOOL_NAMES = new Set(allTools.map((tool) => tool.name));

/**
 * Reads the policy fields of one entry of --api-keys (besides `readOnly` and `toolsets`, which
 * the transport carries on the principal); `where` names the entry in errors.
 */
export function readKeyNarrowing(entry: Record<string, unknown>, where: string): PolicyNarrowing {
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

function narrowingFromScopes(scopes: readonly string[]): PolicyNarrowing {
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

/**
 * What a client narrows the server's policy to, whichever way it authenticated: an API key's
 * entry, an OAuth token's scopes, and the read-only flag and toolsets both carry.
 */
export function clientNarrowing(
  principal: ClientPrincipal,
  keyNarrowings: ReadonlyMap<string, PolicyNarrowing>,
): PolicyNarrowing {
  const own =
    principal.kind === 'api-key'
      ? keyNarrowings.get(principal.id)
      : principal.kind === 'oauth'
        ? narrowingFromScopes(principal.scopes)
        : undefined;
  return {
    ...own,
    readOnly: principal.readOnly,
    // A client's names may come from an OAuth token, which may still use an old name.
    toolsets: principal.toolsets?.map(canonicalToolsetName),
  };
}
