import { Type } from '@sinclair/typebox';
import { listDynamicSecrets } from '../../infisical/api/dynamic-secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { dynamicSecretFolderArgs, folderOf } from './dynamic-secret-arguments.js';
import { DynamicSecretOutput, toDynamicSecretOutput } from './dynamic-secret-output.js';

export const listDynamicSecretsTool = defineTool({
  name: 'list-dynamic-secrets',
  title: 'List dynamic secrets',
  description:
    "List a folder's dynamic secrets (generators of short-lived credentials) with provider and TTLs, never credentials.",
  toolset: 'dynamic-secrets',
  annotations: READS,
  target: folderTarget('environmentSlug', 'secretPath'),
  inputSchema: Type.Object({
    ...dynamicSecretFolderArgs(),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    dynamicSecrets: Type.Array(DynamicSecretOutput),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const { dynamicSecrets } = await listDynamicSecrets(infisical, folderOf(input), signal);
    const page = paginate(dynamicSecrets, input);
    return {
      dynamicSecrets: page.items.map(toDynamicSecretOutput),
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
