import type { ConnectionOptions } from '../infisical/create-infisical-client.js';
import { allTools } from '../tools/all-tools.js';
import { ALL_TOOLSETS, CORE_TOOLSET } from '../tools/core-catalogue.js';
import { maskUrlCredentials } from '../url-credentials.js';
import { ConfigError } from './config-error.js';
import { INFISICAL_CONNECTION_SETTINGS } from './infisical-settings.js';
import { readSettings } from './read-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface InfisicalEnvSettings {
  connection: ConnectionOptions;
}

export interface ReadInfisicalEnvOptions {
  /**
   * Sandbox mode: the INFISICAL_HOST_URL and credential variables are ignored; give the
   * sandbox's credentials, or `true` to check the other settings before the sandbox starts
   * (then {@link withSandbox} fills them in).
   */
  sandbox?: SandboxCredentials | true;
}

export interface SandboxCredentials {
  hostUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Reads the official Infisical MCP server's environment variables (same names, same meaning)
 * plus INFISICAL_TOKEN_STRATEGY and INFISICAL_REQUEST_TIMEOUT_MS, as declared in
 * {@link INFISICAL_CONNECTION_SETTINGS}. Throws {@link ConfigError} naming the first variable
 * that is missing or wrong.
 */
export function readInfisicalEnv(
  env: Env,
  options: ReadInfisicalEnvOptions = {},
): InfisicalEnvSettings {
  const { values } = readSettings(INFISICAL_CONNECTION_SETTINGS, { flags: {}, env });
  const { tokenStrategy, requestTimeoutMs: timeoutMs } = values;

  if (options.sandbox) {
    const sandbox =
      options.sandbox === true ? { hostUrl: '', clientId: '', clientSecret: '' } : options.sandbox;
    return {
      connection: withSandbox(
        {
          timeoutMs,
          auth: { method: 'universal-auth', clientId: '', clientSecret: '', tokenStrategy },
        },
        sandbox,
      ),
    };
  }

  const hostUrl = readHostUrl(values.hostUrl);
  const method = values.authMethod;
  if (method === 'access-token') {
    const accessToken = values.accessToken;
    if (!accessToken) {
      throw new ConfigError(
        'INFISICAL_TOKEN is not set: INFISICAL_AUTH_METHOD=access-token needs an Infisical access token.',
      );
    }
    return { connection: { hostUrl, timeoutMs, auth: { method, accessToken } } };
  }
  for (const [name, value] of [
    ['INFISICAL_UNIVERSAL_AUTH_CLIENT_ID', values.clientId],
    ['INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET', values.clientSecret],
  ] as const) {
    if (!value) {
      throw new ConfigError(
        `${name} is not set: universal auth needs a machine identity's client ID and client secret (or set INFISICAL_AUTH_METHOD=access-token with INFISICAL_TOKEN; or run with --sandbox to try the server without Infisical).`,
      );
    }
  }
  return {
    connection: {
      hostUrl,
      timeoutMs,
      auth: {
        method,
        clientId: values.clientId as string,
        clientSecret: values.clientSecret as string,
        tokenStrategy,
      },
    },
  };
}

/** The connection pointed at a sandbox: its URL and its demo identity, the rest kept. */
export function withSandbox(
  connection: ConnectionOptions,
  sandbox: SandboxCredentials,
): ConnectionOptions {
  const tokenStrategy =
    connection.auth.method === 'universal-auth' ? connection.auth.tokenStrategy : undefined;
  return {
    ...connection,
    hostUrl: sandbox.hostUrl,
    auth: {
      method: 'universal-auth',
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      tokenStrategy,
    },
  };
}

function readHostUrl(raw: string): string {
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

const KNOWN_TOOLSETS = [...new Set(allTools.map((tool) => tool.toolset))];
/** What `--toolsets` accepts: the toolsets, `core` (the default set) and `all`. */
const TOOLSET_CHOICES = [CORE_TOOLSET, ALL_TOOLSETS, ...KNOWN_TOOLSETS];

/** Old toolset names still accepted: `members` became `access` when it grew beyond invitations. */
const TOOLSET_ALIASES: Readonly<Record<string, string>> = { members: 'access' };

/** The current name of a toolset, for names that come from elsewhere (an OAuth scope). */
export function canonicalToolsetName(name: string): string {
  return TOOLSET_ALIASES[name] ?? name;
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
