import { Type } from '@sinclair/typebox';
import { createFolder } from '../../infisical/api/folders-api.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';
import { FolderOutput, toFolderOutput } from './folder-output.js';

export const createFolderTool = defineTool({
  name: 'create-folder',
  title: 'Create folder',
  description: 'Create a folder; its secrets take secretPath "/<path>/<name>".',
  toolset: 'folders',
  annotations: CREATES,
  target: {
    reach: 'environments',
    project: 'projectId',
    environments: ['environment'],
    paths: ['path'],
    confirmName: ['name'],
  },
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environment: environmentSlugArg(),
    name: Type.String({
      minLength: 1,
      pattern: '^[a-zA-Z0-9_-]+$',
      description: 'Folder name.',
    }),
    path: secretPathArg('to create the folder in (its parent)'),
    description: Type.Optional(Type.String({ description: 'Description of the folder.' })),
  }),
  // The seed README named these environmentSlug and secretPath.
  argumentAliases: { environmentSlug: 'environment', secretPath: 'path' },
  outputSchema: Type.Object({ folder: FolderOutput }),
  async handler(input, { infisical, signal }) {
    const { folder } = await createFolder(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environment,
        name: input.name,
        path: input.path,
        description: input.description,
      },
      signal,
    );
    return {
      folder: toFolderOutput(folder, { environment: input.environment, parentPath: input.path }),
    };
  },
});
