import { Type } from '@sinclair/typebox';
import { revokeDynamicSecretLease } from '../../infisical/api/dynamic-secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { CHANGES_OR_REMOVES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { dynamicSecretFolderArgs, folderOf, leaseIdArg } from './dynamic-secret-arguments.js';

export const revokeDynamicSecretLeaseTool = defineTool({
  name: 'revoke-dynamic-secret-lease',
  title: 'Revoke dynamic secret lease',
  description: 'Revoke a lease now: its credentials stop working.',
  toolset: 'dynamic-secrets',
  annotations: CHANGES_OR_REMOVES,
  target: folderTarget('environmentSlug', 'secretPath', { confirmName: ['leaseId'] }),
  inputSchema: Type.Object({
    ...dynamicSecretFolderArgs(),
    leaseId: leaseIdArg('to revoke'),
  }),
  outputSchema: Type.Object({
    revoked: Type.Object({ id: Type.String({ description: 'ID of the revoked lease.' }) }),
  }),
  async handler(input, { infisical, signal }) {
    const { lease } = await revokeDynamicSecretLease(
      infisical,
      { ...folderOf(input), leaseId: input.leaseId },
      signal,
    );
    return { revoked: { id: lease.id } };
  },
});
