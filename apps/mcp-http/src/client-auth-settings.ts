import { readFileSync } from 'node:fs';
import { ConfigError, parseToolsets } from '@infisical/mcp-core';
import {
  type ApiKeyEntry,
  apiKeysProblem,
  type ClientAuthOptions,
} from '@infisical/mcp-transport-http';
import { type ClientSafety, readClientSafety } from './client-safety.js';

/** A stored API key with what it may see and do besides its tools (see ClientSafety). */
export interface ApiKeyWithSafety extends ApiKeyEntry {
  safety: ClientSafety;
}

/** A flag or variable's value and where it came from, to name it in errors. */
export type OptionReader = (flag: string) => { value: string; source: string };

export const CLIENT_AUTH_OPTIONS = [
  {
    flag: 'auth',
    env: 'INFISICAL_MCP_AUTH',
    fallback: 'none',
    description: 'client authentication: none (loopback only), api-key or oauth',
  },
  {
    flag: 'api-keys-file',
    env: 'INFISICAL_MCP_API_KEYS_FILE',
    fallback: '',
    description:
      'JSON file of API keys: [{"id","sha256","readOnly"?,"toolsets"?,"tools"?,"excludeTools"?,"secretValues"?,"protectedEnvironments"?,"allowProtectedWrites"?,"confirmDestructive"?}] (sha256 of each key; see --hash-api-key)',
  },
  {
    flag: 'api-keys',
    env: 'INFISICAL_MCP_API_KEYS',
    fallback: '',
    description: 'the same JSON inline, instead of a file',
  },
  {
    flag: 'oauth-issuer',
    env: 'INFISICAL_MCP_OAUTH_ISSUER',
    fallback: '',
    description: 'oauth: expected token issuer (iss)',
  },
  {
    flag: 'oauth-audience',
    env: 'INFISICAL_MCP_OAUTH_AUDIENCE',
    fallback: '',
    description: "oauth: expected audience (aud), this server's resource URL",
  },
  {
    flag: 'oauth-jwks-url',
    env: 'INFISICAL_MCP_OAUTH_JWKS_URL',
    fallback: '',
    description: "oauth: the issuer's JWKS URL (default <issuer>/.well-known/jwks.json)",
  },
];

export function readClientAuth(read: OptionReader): ClientAuthOptions {
  const mode = read('auth');
  switch (mode.value) {
    case 'none':
      return { mode: 'none' };
    case 'api-key':
      return { mode: 'api-key', keys: readApiKeys(read) };
    case 'oauth': {
      const issuer = required(read, 'oauth-issuer', 'oauth');
      const audience = required(read, 'oauth-audience', 'oauth');
      const jwksUrl =
        read('oauth-jwks-url').value || `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
      for (const [option, value] of [
        ['oauth-issuer', issuer],
        ['oauth-jwks-url', jwksUrl],
      ] as const) {
        if (!URL.canParse(value)) {
          throw new ConfigError(`${read(option).source} must be a URL (got "${value}").`);
        }
      }
      return { mode: 'oauth', issuer, audience, jwksUrl };
    }
    default:
      throw new ConfigError(`${mode.source} must be none, api-key or oauth (got "${mode.value}").`);
  }
}

function required(read: OptionReader, flag: string, mode: string): string {
  const { value, source } = read(flag);
  if (!value) throw new ConfigError(`${source} is required with --auth ${mode}.`);
  return value;
}

function readApiKeys(read: OptionReader): ApiKeyWithSafety[] {
  const file = read('api-keys-file');
  const inline = read('api-keys');
  let text: string;
  let source: string;
  if (file.value) {
    source = file.source;
    try {
      text = readFileSync(file.value, 'utf8');
    } catch (error) {
      throw new ConfigError(`${source}: cannot read ${file.value} (${(error as Error).message}).`);
    }
  } else if (inline.value) {
    source = inline.source;
    text = inline.value;
  } else {
    throw new ConfigError(
      '--auth api-key needs keys: set --api-keys-file (INFISICAL_MCP_API_KEYS_FILE) or --api-keys (INFISICAL_MCP_API_KEYS).',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${source} is not valid JSON.`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ConfigError(`${source} must be a non-empty JSON array of keys.`);
  }
  const keys = parsed.map((entry, index) => {
    const { id, sha256, readOnly, toolsets } = (entry ?? {}) as Record<string, unknown>;
    const where = `${source}, key ${index + 1}`;
    if (typeof id !== 'string' || !id)
      throw new ConfigError(`${where}: "id" must be a non-empty string.`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new ConfigError(
        `${where} (${id}): "sha256" must be the key's SHA-256 as 64 lower-case hex characters.`,
      );
    }
    if (readOnly !== undefined && typeof readOnly !== 'boolean') {
      throw new ConfigError(`${where} (${id}): "readOnly" must be true or false.`);
    }
    if (
      toolsets !== undefined &&
      (!Array.isArray(toolsets) || !toolsets.every((name) => typeof name === 'string'))
    ) {
      throw new ConfigError(`${where} (${id}): "toolsets" must be an array of toolset names.`);
    }
    return {
      id,
      sha256,
      readOnly: readOnly as boolean | undefined,
      // Checked like --toolsets: a misspelt name would otherwise leave the key without tools.
      toolsets:
        toolsets === undefined
          ? undefined
          : parseToolsets((toolsets as string[]).join(','), `${where} (${id}): "toolsets"`),
      safety: readClientSafety(entry as Record<string, unknown>, `${where} (${id})`),
    };
  });
  const problem = apiKeysProblem(keys);
  if (problem) throw new ConfigError(`${source}: ${problem}`);
  return keys;
}
