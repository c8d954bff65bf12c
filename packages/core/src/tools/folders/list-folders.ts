import { Type } from '@sinclair/typebox';
import { listFolders } from '../../infisical/api/folders-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';
import { joinFolderPath } from './folder-path.js';

export const listFoldersTool = defineTool({
  name: 'list-folders',
  title: 'List folders',
  description: 'List the folders under a path, to find the secretPath values secret tools take.',
  toolset: 'folders',
  annotations: READS,
  target: folderTarget('environmentSlug', 'path'),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    path: secretPathArg(),
    recursive: Type.Boolean({
      default: false,
      description: 'Also list every folder further down.',
    }),
  }),
  // create-folder names the environment `environment`: accept that here too.
  argumentAliases: { environment: 'environmentSlug', secretPath: 'path' },
  outputSchema: Type.Object({
    folders: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        path: Type.String({ description: 'Full path of the folder, usable as secretPath.' }),
      }),
    ),
  }),
  async handler(input, { infisical, signal }) {
    const { folders } = await listFolders(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        path: input.path,
        recursive: input.recursive,
      },
      signal,
    );
    // Infisical's list answers carry no `path` (its response schema strips it): build it.
    return {
      folders: folders.map((folder) => ({
        id: folder.id,
        name: folder.name,
        path: joinFolderPath(input.path, folder.relativePath ?? folder.name),
      })),
    };
  },
});
