import { Type } from '@sinclair/typebox';
import {
  type ApiSecret,
  listSecretsReadingWhatIsAllowed,
} from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { environmentSlugArg, projectIdArg, secretPathArg } from '../schema.js';
import { SecretListItem, toSecretListItem } from './secret-output.js';
import { tagSlugsArg } from './tag-ids.js';

interface ImportSource {
  secretPath: string;
  environment: string;
}

/** One row of the combined list: a secret of the folder, or one it imports. */
interface Row {
  secret: ApiSecret;
  importedFrom?: ImportSource;
}

export const listSecretsTool = defineTool({
  name: 'list-secrets',
  title: 'List secrets',
  description:
    'List the secrets of a folder (names, versions, tags, comments); values only with includeValues. Secrets it imports come under "imports".',
  toolset: 'secrets',
  annotations: READS,
  target: folderTarget('environmentSlug', 'secretPath'),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlug: environmentSlugArg(),
    secretPath: secretPathArg(),
    recursive: Type.Boolean({
      default: false,
      description: 'Include every folder below.',
    }),
    tagSlugs: Type.Optional(tagSlugsArg('Only secrets with one of these tag slugs.')),
    includeValues: Type.Boolean({
      default: false,
      description: 'Return secret values too.',
    }),
    expandSecretReferences: Type.Boolean({
      default: true,
      description: 'Resolve ${OTHER_KEY} references in values.',
    }),
    includeImports: Type.Boolean({
      default: true,
      description: 'Also return the secrets this folder imports.',
    }),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    secrets: Type.Array(SecretListItem, { description: 'Secrets stored in the folder(s) itself.' }),
    imports: Type.Array(
      Type.Object({
        secretPath: Type.String({ description: 'Folder path the secrets are imported from.' }),
        environment: Type.String({ description: 'Environment slug they are imported from.' }),
        secrets: Type.Array(SecretListItem),
      }),
      { description: 'Secrets imported from other folders or environments, by source.' },
    ),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const result = await listSecretsReadingWhatIsAllowed(
      infisical,
      {
        projectId: input.projectId,
        environment: input.environmentSlug,
        secretPath: input.secretPath,
        recursive: input.recursive,
        tagSlugs: input.tagSlugs,
        expandSecretReferences: input.includeValues && input.expandSecretReferences,
        includeImports: input.includeImports,
        viewSecretValue: input.includeValues,
      },
      signal,
    );
    const rows: Row[] = [
      ...result.secrets.map((secret) => ({ secret })),
      ...(result.imports ?? []).flatMap((entry) =>
        entry.secrets.map((secret) => ({
          secret,
          importedFrom: { secretPath: entry.secretPath, environment: entry.environment },
        })),
      ),
    ];
    const page = paginate(rows, input);
    const imports = new Map<string, ImportSource & { secrets: SecretListItem[] }>();
    const secrets: SecretListItem[] = [];
    for (const { secret, importedFrom } of page.items) {
      if (!importedFrom) {
        secrets.push(toSecretListItem(secret, input.secretPath, input.includeValues));
        continue;
      }
      const key = `${importedFrom.environment}\u0000${importedFrom.secretPath}`;
      let group = imports.get(key);
      if (!group) {
        group = { ...importedFrom, secrets: [] };
        imports.set(key, group);
      }
      group.secrets.push(toSecretListItem(secret, importedFrom.secretPath, input.includeValues));
    }
    return {
      secrets,
      imports: [...imports.values()],
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
