import { Type } from '@sinclair/typebox';
import { listKmsKeys } from '../../infisical/api/kms-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { projectIdArg } from '../schema.js';

export const listKmsKeysTool = defineTool({
  name: 'list-kms-keys',
  title: 'List KMS keys',
  description:
    "List a KMS project's keys with their IDs and algorithms; key material never leaves Infisical.",
  toolset: 'kms',
  annotations: READS,
  target: { reach: 'project', project: 'projectId' },
  inputSchema: Type.Object({
    projectId: projectIdArg('whose keys to list (a KMS project)'),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    keys: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        description: Type.Optional(Type.String()),
        keyUsage: Type.Optional(Type.String({ description: 'e.g. "encrypt-decrypt".' })),
        encryptionAlgorithm: Type.Optional(Type.String({ description: 'e.g. "aes-256-gcm".' })),
        isDisabled: Type.Boolean(),
      }),
    ),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const keys = await listKmsKeys(infisical, { projectId: input.projectId }, signal);
    const page = paginate(keys, input);
    return {
      keys: page.items.map((key) => ({
        id: key.id,
        name: key.name,
        ...(key.description ? { description: key.description } : {}),
        ...(key.keyUsage ? { keyUsage: key.keyUsage } : {}),
        ...(key.encryptionAlgorithm ? { encryptionAlgorithm: key.encryptionAlgorithm } : {}),
        isDisabled: key.isDisabled ?? false,
      })),
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
