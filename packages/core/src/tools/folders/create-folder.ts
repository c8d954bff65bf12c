import { Type } from '@sinclair/typebox';
import { createFolder, listFolders } from '../../infisical/api/folders-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
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
  target: folderTarget('environment', 'path', { confirmName: ['name'] }),
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
  outputSchema: Type.Object({
    folder: FolderOutput,
    created: Type.Boolean({
      description:
        'true: the folder was created; false: it already existed and nothing changed (a description given was not applied).',
    }),
    summary: Type.String({ description: 'What happened, in one sentence.' }),
  }),
  async handler(input, { infisical, signal }) {
    // Infisical answers a create of an existing folder with that folder and a 200, changing
    // nothing; only a look beforehand tells the two apart.
    const { folders: siblings } = await listFolders(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environment,
        path: input.path,
        recursive: false,
      },
      signal,
    );
    const existed = siblings.some((sibling) => sibling.name === input.name);
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
    const output = toFolderOutput(folder, {
      environment: input.environment,
      parentPath: input.path,
    });
    const where = `${output.path} in environment ${input.environment}`;
    return {
      folder: output,
      created: !existed,
      summary: existed
        ? `Folder ${where} already existed; nothing changed${input.description === undefined ? '' : ' (the description given was not applied)'}.`
        : `Created folder ${where}.`,
    };
  },
});
