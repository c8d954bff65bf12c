import { readFileSync } from 'node:fs';
import {
  ConfigError,
  type PolicyNarrowing,
  parseToolsets,
  type ReadSettings,
  Setting,
  type SettingValues,
  settingGroup,
} from '@infisical/mcp-core';
import {
  type ApiKeyEntry,
  apiKeysProblem,
  type ClientAuthOptions,
} from '@infisical/mcp-transport-http';
import { readKeyNarrowing } from './client-policy.js';

/** A stored API key with how it narrows the server's policy besides its tools. */
export interface ApiKeyWithPolicy extends ApiKeyEntry {
  narrowing: PolicyNarrowing;
}

export const CLIENT_AUTH_SETTINGS = settingGroup({
  auth: Setting.choice(['none', 'api-key', 'oauth'], {
    flag: 'auth',
    env: 'INFISICAL_MCP_AUTH',
    default: 'none',
    description: 'client authentication: `none` (refused off loopback), `api-key` or `oauth`',
  }),
  apiKeysFile: Setting.optionalString({
    flag: 'api-keys-file',
    env: 'INFISICAL_MCP_API_KEYS_FILE',
    description:
      'JSON array of keys: `[{"id": "ci", "sha256": "…", "readOnly": true, "toolsets": ["secrets"]}]`, with optional `tools`, `excludeTools`, `secretValues`, `protectedEnvironments`, `allowProtectedWrites`, `confirmDestructive` (sha256 of each key; see `--hash-api-key`)',
  }),
  apiKeys: Setting.optionalString({
    flag: 'api-keys',
    env: 'INFISICAL_MCP_API_KEYS',
    secret: true,
    description: 'the same JSON inline, instead of a file',
  }),
  oauthIssuer: Setting.optionalString({
    flag: 'oauth-issuer',
    env: 'INFISICAL_MCP_OAUTH_ISSUER',
    description: 'OAuth: expected token issuer (`iss`)',
  }),
  oauthAudience: Setting.optionalString({
    flag: 'oauth-audience',
    env: 'INFISICAL_MCP_OAUTH_AUDIENCE',
    description: "OAuth: expected audience (`aud`), this server's resource URL",
  }),
  oauthJwksUrl: Setting.optionalString({
    flag: 'oauth-jwks-url',
    env: 'INFISICAL_MCP_OAUTH_JWKS_URL',
    unsetMeans: '`<issuer>/.well-known/jwks.json`',
    description: "OAuth: the issuer's signing keys",
  }),
  clientIdentities: Setting.choice(['on', 'off'], {
    flag: 'client-identities',
    env: 'INFISICAL_MCP_CLIENT_IDENTITIES',
    default: 'on',
    description:
      '`on`: a client may act as its own Infisical identity for its session (`X-Infisical-Token`, or `X-Infisical-Client-Id` + `X-Infisical-Client-Secret`); `off`: always the server identity',
  }),
});

type ClientAuthRead = ReadSettings<SettingValues<typeof CLIENT_AUTH_SETTINGS>>;

export function readClientAuth(read: ClientAuthRead): ClientAuthOptions {
  const { values, sourceOf } = read;
  switch (values.auth) {
    case 'none':
      return { mode: 'none' };
    case 'api-key':
      return { mode: 'api-key', keys: readApiKeys(read) };
    case 'oauth': {
      const issuer = required(read, 'oauthIssuer');
      const audience = required(read, 'oauthAudience');
      const jwksUrl = values.oauthJwksUrl || `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
      for (const [option, value] of [
        ['oauthIssuer', issuer],
        ['oauthJwksUrl', jwksUrl],
      ] as const) {
        if (!URL.canParse(value)) {
          throw new ConfigError(`${sourceOf(option)}: expected a URL, got "${value}".`);
        }
      }
      return { mode: 'oauth', issuer, audience, jwksUrl };
    }
  }
}

function required(read: ClientAuthRead, key: 'oauthIssuer' | 'oauthAudience'): string {
  const value = read.values[key];
  if (!value) throw new ConfigError(`${read.sourceOf(key)} is required with --auth oauth.`);
  return value;
}

function readApiKeys({ values, sourceOf }: ClientAuthRead): ApiKeyWithPolicy[] {
  const file = { value: values.apiKeysFile ?? '', source: sourceOf('apiKeysFile') };
  const inline = { value: values.apiKeys ?? '', source: sourceOf('apiKeys') };
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
      narrowing: readKeyNarrowing(entry as Record<string, unknown>, `${where} (${id})`),
    };
  });
  const problem = apiKeysProblem(keys);
  if (problem) throw new ConfigError(`${source}: ${problem}`);
  return keys;
}
