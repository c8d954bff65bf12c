import { Type } from '@sinclair/typebox';
import { countSnapshots, listSnapshots } from '../../infisical/api/snapshots-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageFromOffset, pageInfo, pageOffset } from '../pagination.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';

export const listSnapshotsTool = defineTool({
  name: 'list-snapshots',
  title: 'List snapshots',
  description: "List a folder's point-in-time snapshots, newest first; get-snapshot shows one.",
  toolset: 'snapshots',
  annotations: READS,
  target: folderTarget('environmentSlug', 'secretPath'),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretPath: secretPathArg(),
    ...pageArgs(),
  }),
  argumentAliases: { environment: 'environmentSlug', path: 'secretPath' },
  outputSchema: Type.Object({
    snapshots: Type.Array(
      Type.Object({
        id: Type.String(),
        createdAt: Type.String({ description: 'When the snapshot was taken (ISO 8601).' }),
        folderId: Type.String(),
      }),
    ),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const folder = {
      projectId: input.projectId,
      environment: input.environmentSlug,
      path: input.secretPath,
    };
    const offset = pageOffset(input);
    const [{ count }, { secretSnapshots }] = await Promise.all([
      countSnapshots(infisical, folder, signal),
      listSnapshots(infisical, { ...folder, offset, limit: input.limit }, signal),
    ]);
    const { items, ...page } = pageFromOffset(
      secretSnapshots.map(({ id, createdAt, folderId }) => ({ id, createdAt, folderId })),
      offset,
      count,
    );
    return { snapshots: items, ...page };
  },
});
