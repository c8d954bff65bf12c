import { parseArgs } from 'node:util';

export interface CliArguments {
  sandbox: boolean;
  readOnly: boolean;
  /** Raw --toolsets value; validated with the environment settings. */
  toolsets?: string;
  help: boolean;
  version: boolean;
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
    help?: boolean;
    version?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sandbox: { type: 'boolean' },
        'read-only': { type: 'boolean' },
        toolsets: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
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
    help: values.help === true,
    version: values.version === true,
  };
}

export const USAGE = `Usage: infisical-mcp [--sandbox] [--read-only] [--toolsets a,b] [--help] [--version]

Serves Infisical tools to an MCP client over stdio.

  --sandbox          Start an in-memory Infisical sandbox and use it. Nothing is stored.
                     (env: INFISICAL_MCP_SANDBOX=true)
  --read-only        Serve only read-only tools. (env: INFISICAL_READ_ONLY=true)
  --toolsets <list>  Serve only these toolsets: secrets, projects, environments, folders,
                     tags, imports, snapshots, access, dynamic-secrets, kms, sharing.
                     (env: INFISICAL_TOOLSETS)

Environment:
  INFISICAL_HOST_URL                       Infisical base URL (default https://app.infisical.com)
  INFISICAL_AUTH_METHOD                    universal-auth (default) or access-token
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID       machine identity client ID (universal-auth)
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET   machine identity client secret (universal-auth)
  INFISICAL_TOKEN                          access token (access-token)
  INFISICAL_TOKEN_STRATEGY                 cached (default) or per-call
  INFISICAL_REQUEST_TIMEOUT_MS             timeout of each Infisical request (default 15000)
  INFISICAL_ENABLED_TOOLS                  comma-separated allow-list of tool names
  INFISICAL_MASK_SECRET_VALUES             true to return "<masked>" instead of secret values
  INFISICAL_READ_ONLY                      true to serve only read-only tools
  INFISICAL_TOOLSETS                       comma-separated toolsets to serve
  INFISICAL_MCP_LOG_LEVEL                  fatal, error, warn, info (default), debug, trace, silent
`;
