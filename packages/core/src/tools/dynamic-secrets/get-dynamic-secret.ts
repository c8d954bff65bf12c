import { Type } from '@sinclair/typebox';
import { getDynamicSecret } from '../../infisical/api/dynamic-secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import {
  dynamicSecretFolderArgs,
  dynamicSecretNameArg,
  folderOf,
  LeaseOutput,
  toLeaseOutput,
} from './dynamic-secret-arguments.js';
import { DynamicSecretOutput, toDynamicSecretOutput } from './dynamic-secret-output.js';

export const getDynamicSecretTool = defineTool({
  name: 'get-dynamic-secret',
  title: 'Get dynamic secret',
  description:
    'Describe one dynamic secret and its active leases, to find a lease to renew or revoke.',
  toolset: 'dynamic-secrets',
  annotations: READS,
  target: folderTarget('environmentSlug', 'secretPath', { confirmName: ['dynamicSecretName'] }),
  inputSchema: Type.Object({
    ...dynamicSecretFolderArgs(),
    dynamicSecretName: dynamicSecretNameArg(),
  }),
  outputSchema: Type.Object({
    dynamicSecret: Type.Composite([
      DynamicSecretOutput,
      Type.Object({ leases: Type.Array(LeaseOutput, { description: 'Active leases.' }) }),
    ]),
  }),
  async handler(input, { infisical, signal }) {
    const { dynamicSecret, leases } = await getDynamicSecret(
      infisical,
      { ...folderOf(input), name: input.dynamicSecretName },
      signal,
    );
    return {
      dynamicSecret: { ...toDynamicSecretOutput(dynamicSecret), leases: leases.map(toLeaseOutput) },
    };
  },
});
