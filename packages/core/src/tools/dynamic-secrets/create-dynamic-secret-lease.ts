import { Type } from '@sinclair/typebox';
import { createDynamicSecretLease } from '../../infisical/api/dynamic-secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import {
  dynamicSecretFolderArgs,
  dynamicSecretNameArg,
  folderOf,
  LeaseOutput,
  toLeaseOutput,
  ttlArg,
} from './dynamic-secret-arguments.js';

export const createDynamicSecretLeaseTool = defineTool({
  name: 'create-dynamic-secret-lease',
  title: 'Create dynamic secret lease',
  description:
    'Issue fresh short-lived credentials from a dynamic secret, with the lease ID and expiry.',
  toolset: 'dynamic-secrets',
  annotations: CREATES,
  target: folderTarget('environmentSlug', 'secretPath', { confirmName: ['dynamicSecretName'] }),
  inputSchema: Type.Object({
    ...dynamicSecretFolderArgs(),
    dynamicSecretName: dynamicSecretNameArg(),
    ttl: ttlArg('lives'),
  }),
  outputSchema: Type.Object({
    lease: LeaseOutput,
    credentials: Type.Array(
      Type.Object({
        key: Type.String({ description: 'Credential name, e.g. DB_USERNAME or DB_PASSWORD.' }),
        secretValue: Type.String(),
      }),
      { description: 'The issued credentials; they are secret values.' },
    ),
  }),
  async handler(input, { infisical, signal }) {
    const { lease, data } = await createDynamicSecretLease(
      infisical,
      { ...folderOf(input), name: input.dynamicSecretName, ttl: input.ttl },
      signal,
    );
    return { lease: toLeaseOutput(lease), credentials: credentialsOf(data) };
  },
});

/** Providers answer with an object of named credentials; nested values are passed on as JSON. */
function credentialsOf(data: unknown): { key: string; secretValue: string }[] {
  if (typeof data !== 'object' || data === null) return [];
  return Object.entries(data).map(([key, value]) => ({
    key,
    secretValue: typeof value === 'string' ? value : JSON.stringify(value),
  }));
}
