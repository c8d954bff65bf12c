import { Type } from '@sinclair/typebox';
import { renewDynamicSecretLease } from '../../infisical/api/dynamic-secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { EXTENDS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import {
  dynamicSecretFolderArgs,
  folderOf,
  LeaseOutput,
  leaseIdArg,
  toLeaseOutput,
  ttlArg,
} from './dynamic-secret-arguments.js';

export const renewDynamicSecretLeaseTool = defineTool({
  name: 'renew-dynamic-secret-lease',
  title: 'Renew dynamic secret lease',
  description:
    "Extend a lease so its credentials keep working, within the dynamic secret's max TTL.",
  toolset: 'dynamic-secrets',
  annotations: EXTENDS,
  target: folderTarget('environmentSlug', 'secretPath', { confirmName: ['leaseId'] }),
  inputSchema: Type.Object({
    ...dynamicSecretFolderArgs(),
    leaseId: leaseIdArg('to renew'),
    ttl: ttlArg('lives from now on'),
  }),
  outputSchema: Type.Object({ lease: LeaseOutput }),
  async handler(input, { infisical, signal }) {
    const { lease } = await renewDynamicSecretLease(
      infisical,
      { ...folderOf(input), leaseId: input.leaseId, ttl: input.ttl },
      signal,
    );
    return { lease: toLeaseOutput(lease) };
  },
});
