import { Type } from '@sinclair/typebox';
import { getSnapshot } from '../../infisical/api/snapshots-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { uuidArg } from '../schema.js';

export const getSnapshotTool = defineTool({
  name: 'get-snapshot',
  title: 'Get snapshot',
  description:
    'Show what a folder held at a snapshot: secret names, versions and sub-folders. Undo a change by writing old values back with update-secret.',
  toolset: 'snapshots',
  annotations: READS,
  inputSchema: Type.Object({
    snapshotId: uuidArg('Snapshot ID.'),
    includeValues: Type.Boolean({
      default: false,
      description: 'Also return each secret value as it was.',
    }),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    snapshot: Type.Object({
      id: Type.String(),
      projectId: Type.String(),
      environmentSlug: Type.String(),
      createdAt: Type.String({ description: 'When the snapshot was taken (ISO 8601).' }),
      folders: Type.Array(Type.String(), { description: 'Names of the sub-folders then.' }),
      secrets: Type.Array(
        Type.Object({
          secretKey: Type.String(),
          version: Type.Number({ description: 'Version of the secret then.' }),
          secretValue: Type.Optional(Type.String({ description: 'Only with includeValues.' })),
          valueHidden: Type.Optional(
            Type.Boolean({
              description:
                "true when Infisical withheld the value: the identity's role may not read values in this folder.",
            }),
          ),
        }),
      ),
    }),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const { secretSnapshot: snapshot } = await getSnapshot(
      infisical,
      { snapshotId: input.snapshotId },
      signal,
    );
    const { items, ...page } = paginate(
      snapshot.secretVersions.map((secret) => ({
        secretKey: secret.secretKey,
        version: secret.version,
        ...(!input.includeValues
          ? {}
          : secret.secretValueHidden
            ? { valueHidden: true }
            : { secretValue: secret.secretValue }),
      })),
      input,
    );
    return {
      snapshot: {
        id: snapshot.id,
        projectId: snapshot.projectId,
        environmentSlug: snapshot.environment.slug,
        createdAt: snapshot.createdAt,
        folders: snapshot.folderVersion.map((folder) => folder.name),
        secrets: items,
      },
      ...page,
    };
  },
});
