import {
  type ConnectionOptions,
  DEFAULT_INFISICAL_HOST_URL,
} from '../infisical/create-infisical-client.js';
import { allTools } from '../tools/all-tools.js';
import { ALL_TOOLSETS, CORE_TOOLSET } from '../tools/core-catalogue.js';
import { maskUrlCredentials } from '../url-credentials.js';
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

export interface InfisicalEnvSettings {
  connection: ConnectionOptions;
  enabledTools?: string[];
  maskSecretValues: boolean;
  /** Serve only read-only tools (INFISICAL_READ_ONLY). */
  readOnly: boolean;
  /** Serve only these toolsets (INFISICAL_TOOLSETS). */
  toolsets?: string[];
  /** Start with a few tools and let the client enable toolsets (INFISICAL_DYNAMIC_TOOLSETS). */
  dynamicToolsets: boolean;
}

export interface ReadInfisicalEnvOptions {
  /** Use these instead of the INFISICAL_HOST_URL and credential variables (sandbox mode). */
  sandbox?: { hostUrl: string; clientId: string; clientSecret: string };
}

/**
 * Reads the official Infisical MCP server's environment variables (same names, same meaning)
 * plus INFISICAL_TOKEN_STRATEGY and INFISICAL_REQUEST_TIMEOUT_MS. Throws {@link ConfigError}
 * naming the first variable that is missing or wrong.
 */
export function readInfisicalEnv(
  env: Env,
  options: ReadInfisicalEnvOptions = {},
): InfisicalEnvSettings {
  const timeoutMs = readPositiveInteger(env, 'INFISICAL_REQUEST_TIMEOUT_MS');
  const tokenStrategy = readChoice(
    env,
    'INFISICAL_TOKEN_STRATEGY',
    ['cached', 'per-call'],
    'cached',
  );
  const common = {
    enabledTools: readToolList(env, 'INFISICAL_ENABLED_TOOLS'),
    maskSecretValues: readBoolean(env, 'INFISICAL_MASK_SECRET_VALUES', false),
    readOnly: readBoolean(env, 'INFISICAL_READ_ONLY', false),
    toolsets: readToolsets(env, 'INFISICAL_TOOLSETS'),
    dynamicToolsets: readBoolean(env, 'INFISICAL_DYNAMIC_TOOLSETS', false),
  };

  if (options.sandbox) {
    const { hostUrl, clientId, clientSecret } = options.sandbox;
    return {
      ...common,
      connection: {
        hostUrl,
        timeoutMs,
        auth: { method: 'universal-auth', clientId, clientSecret, tokenStrategy },
      },
    };
  }

  const hostUrl = readHostUrl(env);
  const method = readChoice(
    env,
    'INFISICAL_AUTH_METHOD',
    ['universal-auth', 'access-token'],
    'universal-auth',
  );
  if (method === 'access-token') {
    const accessToken = readTrimmed(env, 'INFISICAL_TOKEN');
    if (!accessToken) {
      throw new ConfigError(
        'INFISICAL_TOKEN is not set: INFISICAL_AUTH_METHOD=access-token needs an Infisical access token.',
      );
    }
    return { ...common, connection: { hostUrl, timeoutMs, auth: { method, accessToken } } };
  }
  const clientId = readTrimmed(env, 'INFISICAL_UNIVERSAL_AUTH_CLIENT_ID');
  const clientSecret = readTrimmed(env, 'INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET');
  for (const [name, value] of [
    ['INFISICAL_UNIVERSAL_AUTH_CLIENT_ID', clientId],
    ['INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET', clientSecret],
  ] as const) {
    if (!value) {
      throw new ConfigError(
        `${name} is not set: universal auth needs a machine identity's client ID and client secret (or set INFISICAL_AUTH_METHOD=access-token with INFISICAL_TOKEN; or run with --sandbox to try the server without Infisical).`,
      );
    }
  }
  return {
    ...common,
    connection: {
      hostUrl,
      timeoutMs,
      auth: {
        method,
        clientId: clientId as string,
        clientSecret: clientSecret as string,
        tokenStrategy,
      },
    },
  };
}

function readTrimmed(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readHostUrl(env: Env): string {
  const raw = readTrimmed(env, 'INFISICAL_HOST_URL') ?? DEFAULT_INFISICAL_HOST_URL;
  const shown = maskUrlCredentials(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `INFISICAL_HOST_URL is not a valid URL ("${shown}"): use the instance's base URL, e.g. https://app.infisical.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`INFISICAL_HOST_URL must start with https:// or http:// ("${shown}").`);
  }
  // Accept the common mistake of pasting the API base ("…/api"): the routes add it themselves.
  return url.href.replace(/\/+$/, '').replace(/\/api$/, '');
}

function readChoice<const T extends string>(
  env: Env,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = readTrimmed(env, name);
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${choices.join(', ')} (got "${value}").`);
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = readTrimmed(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError(`${name} must be "true" or "false" (got "${value}").`);
}

function readPositiveInteger(env: Env, name: string): number | undefined {
  const value = readTrimmed(env, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    throw new ConfigError(
      `${name} must be a positive whole number of milliseconds (got "${value}").`,
    );
  }
  return number;
}

const KNOWN_TOOLSETS = [...new Set(allTools.map((tool) => tool.toolset))];
/** What `--toolsets` accepts: the toolsets, `core` (the default set) and `all`. */
const TOOLSET_CHOICES = [CORE_TOOLSET, ALL_TOOLSETS, ...KNOWN_TOOLSETS];

/** Old toolset names still accepted: `members` became `access` when it grew beyond invitations. */
const TOOLSET_ALIASES: Readonly<Record<string, string>> = { members: 'access' };

/** The current name of a toolset, for names that come from elsewhere (an OAuth scope). */
export function canonicalToolsetName(name: string): string {
  return TOOLSET_ALIASES[name] ?? name;
}

function readToolsets(env: Env, name: string): string[] | undefined {
  if (env[name] === undefined) return undefined;
  const toolsets = parseToolsets(env[name], name);
  return toolsets;
}

/**
 * A comma-separated list of toolset names; unknown names are an error naming `source`. `all`
 * becomes every toolset; `core` stays, for the filter to read as the default core set.
 */
export function parseToolsets(value: string, source: string): string[] {
  const names = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map(canonicalToolsetName);
  if (names.length === 0) {
    throw new ConfigError(
      `${source} is set but lists no toolsets: list some, or unset it for the default core set.`,
    );
  }
  const unknown = names.filter((toolset) => !TOOLSET_CHOICES.includes(toolset));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${source}: unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}. Valid toolsets are: ${TOOLSET_CHOICES.join(', ')}.`,
    );
  }
  return names.includes(ALL_TOOLSETS) ? [...KNOWN_TOOLSETS] : names;
}

function readToolList(env: Env, name: string): string[] | undefined {
  if (env[name] === undefined) return undefined;
  const names = env[name]
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (names.length === 0) {
    throw new ConfigError(
      `${name} is set but lists no tools: list tool names, or unset it to enable every tool.`,
    );
  }
  return names;
}
