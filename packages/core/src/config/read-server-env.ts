import type { ConnectionOptions } from '../infisical/create-infisical-client.js';
import type { Policy } from '../safety/policy.js';
import { DYNAMIC_TOOLSET_SETTINGS, POLICY_SETTINGS } from './infisical-settings.js';
import { type ReadInfisicalEnvOptions, readInfisicalEnv } from './read-infisical-env.js';
import { openPolicyAudit, readPolicy } from './read-policy.js';
import { readSettings } from './read-settings.js';
import { settingGroup } from './setting.js';

const SERVER_ENV_SETTINGS = settingGroup({
  ...POLICY_SETTINGS.properties,
  ...DYNAMIC_TOOLSET_SETTINGS.properties,
});

export interface ServerEnv {
  connection: ConnectionOptions;
  /** Tools, values, protected environments, confirmations and the audit trail (file opened). */
  policy: Policy;
  dynamicToolsets: boolean;
}

/**
 * Everything the INFISICAL_* variables say about a server, for a library user's own server:
 * the connection, the whole policy and dynamic toolsets, read and checked as the binaries read
 * them. Pass `policy` to `createInfisicalMcpServer` as it is. Toolsets default to every tool
 * here (the binaries default to the core set).
 */
export function readServerEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: ReadInfisicalEnvOptions = {},
): ServerEnv {
  const { connection } = readInfisicalEnv(env, options);
  const read = readSettings(SERVER_ENV_SETTINGS, { flags: {}, env });
  return {
    connection,
    policy: openPolicyAudit(readPolicy(read), read.sourceOf('auditLog')),
    dynamicToolsets: read.values.dynamicToolsets,
  };
}
