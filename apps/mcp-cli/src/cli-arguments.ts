import { parseArgs } from 'node:util';
import { SAFETY_OPTIONS } from '@infisical/mcp-core';

export interface CliArguments {
  sandbox: boolean;
  readOnly: boolean;
  /** Raw --toolsets value; validated with the environment settings. */
  toolsets?: string;
  dynamicToolsets: boolean;
  help: boolean;
  version: boolean;
  /** Raw values of the safety flags (SAFETY_OPTIONS), read with their variables at start-up. */
  safetyFlags: Record<string, string | boolean | undefined>;
}

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Flags are few on purpose: everything else is an environment variable, as in the official server. */
export function parseCliArguments(argv: string[], env: NodeJS.ProcessEnv): CliArguments {
  let values: {
    sandbox?: boolean;
    'read-only'?: boolean;
    toolsets?: string;
    'dynamic-toolsets'?: boolean;
    help?: boolean;
    version?: boolean;
    [safetyFlag: string]: string | boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sandbox: { type: 'boolean' },
        'read-only': { type: 'boolean' },
        toolsets: { type: 'string' },
        'dynamic-toolsets': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        ...Object.fromEntries(
          SAFETY_OPTIONS.map(
            (spec) => [spec.flag, { type: spec.boolean ? 'boolean' : 'string' }] as const,
          ),
        ),
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const sandboxFromEnv = env.INFISICAL_MCP_SANDBOX?.trim().toLowerCase();
  if (sandboxFromEnv && sandboxFromEnv !== 'true' && sandboxFromEnv !== 'false') {
    throw new CliUsageError(
      `INFISICAL_MCP_SANDBOX must be "true" or "false" (got "${sandboxFromEnv}").`,
    );
  }
  return {
    sandbox: values.sandbox === true || sandboxFromEnv === 'true',
    readOnly: values['read-only'] === true,
    toolsets: values.toolsets,
    dynamicToolsets: values['dynamic-toolsets'] === true,
    help: values.help === true,
    version: values.version === true,
    safetyFlags: Object.fromEntries(SAFETY_OPTIONS.map((spec) => [spec.flag, values[spec.flag]])),
  };
}

const safetyUsage = SAFETY_OPTIONS.map((spec) => {
  const flag = `--${spec.flag}${spec.boolean ? '' : ' <value>'}`;
  const env = spec.env ? ` (env: ${spec.env})` : '';
  return `  ${flag.padEnd(31)} ${spec.description}${env}`;
}).join('\n');

export const USAGE = `Usage: infisical-mcp [options]

Serves Infisical tools to an MCP client over stdio.

  --sandbox                       Start an in-memory Infisical sandbox and use it. Nothing is
                                  stored. (env: INFISICAL_MCP_SANDBOX=true)
  --read-only                     Serve only read-only tools. (env: INFISICAL_READ_ONLY=true)
  --toolsets <list>               Serve these toolsets: core (the default: 22 everyday tools),
                                  all, or secrets, projects, environments, folders, access,
                                  tags, imports, snapshots, dynamic-secrets, kms, sharing.
                                  (env: INFISICAL_TOOLSETS)
  --dynamic-toolsets              Start with five reads plus list-toolsets and enable-toolset,
                                  which adds a toolset (within --toolsets, all by default) to
                                  the session. (env: INFISICAL_DYNAMIC_TOOLSETS=true)
${safetyUsage}
  --help, --version

Environment:
  INFISICAL_HOST_URL                       Infisical base URL (default https://app.infisical.com)
  INFISICAL_AUTH_METHOD                    universal-auth (default) or access-token
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID       machine identity client ID (universal-auth)
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET   machine identity client secret (universal-auth)
  INFISICAL_TOKEN                          access token (access-token)
  INFISICAL_TOKEN_STRATEGY                 cached (default) or per-call
  INFISICAL_REQUEST_TIMEOUT_MS             timeout of each Infisical request (default 15000)
  INFISICAL_MASK_SECRET_VALUES             true: the same as --secret-values mask
  INFISICAL_FINGERPRINT_KEY                key of mask fingerprints (default: random per process)
  INFISICAL_MCP_LOG_LEVEL                  fatal, error, warn, info (default), debug, trace, silent
`;
