import { Type } from '@sinclair/typebox';
import { listSecretsIfFolderExists } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { Identifier, projectIdArg, secretPathArg } from '../schema.js';
import { projectEnvironmentSlugs } from './project-environments.js';
import { SecretListItem, toSecretListItem } from './secret-output.js';

export const searchSecretsTool = defineTool({
  name: 'search-secrets',
  title: 'Search secrets',
  description:
    'Find secrets by name across all folders and environments of a project: a substring, or a glob with * and ?. Says where each match lives.',
  toolset: 'secrets',
  annotations: READS,
  target: folderTarget('environmentSlugs', 'secretPath'),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    query: Type.String({
      minLength: 1,
      description: 'Part of a name, or a glob such as "STRIPE_*".',
    }),
    environmentSlugs: Type.Optional(
      Type.Array(Identifier('slug', { maxLength: 64 }), {
        minItems: 1,
        description: 'Environments to search; omit for all.',
      }),
    ),
    secretPath: secretPathArg('to search, with every folder below it'),
    includeValues: Type.Boolean({
      default: false,
      description: 'Return the values of the matches too.',
    }),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    matches: Type.Array(SecretListItem, {
      description: 'Matching secrets, by environment, then folder path, then name.',
    }),
    searchedEnvironments: Type.Array(Type.String(), { description: 'The environments searched.' }),
    folderMissingIn: Type.Array(Type.String(), {
      description:
        'Searched environments that have no folder at secretPath (nothing to find there).',
    }),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const environments = await projectEnvironmentSlugs(
      infisical,
      input.projectId,
      input.environmentSlugs,
      signal,
    );
    const matches = nameMatcher(input.query);
    const found = await Promise.all(
      environments.map(async (environment) => {
        const listed = await listSecretsIfFolderExists(
          infisical,
          {
            projectId: input.projectId,
            environment,
            secretPath: input.secretPath,
            recursive: true,
            expandSecretReferences: input.includeValues,
            includeImports: false,
            viewSecretValue: input.includeValues,
          },
          signal,
        );
        if (!listed) return undefined;
        return listed.secrets
          .filter((secret) => matches(secret.secretKey))
          .map((secret) => toSecretListItem(secret, input.secretPath, input.includeValues))
          .sort(
            (left, right) =>
              left.secretPath.localeCompare(right.secretPath) ||
              left.secretKey.localeCompare(right.secretKey),
          );
      }),
    );
    const page = paginate(
      found.flatMap((matched) => matched ?? []),
      input,
    );
    return {
      matches: page.items,
      searchedEnvironments: environments,
      folderMissingIn: environments.filter((_, index) => found[index] === undefined),
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});

/** Substring match, or with `*` / `?` a glob over the whole name; both ignore case. */
export function nameMatcher(query: string): (name: string) => boolean {
  if (!/[*?]/.test(query)) {
    const needle = query.toLowerCase();
    return (name) => name.toLowerCase().includes(needle);
  }
  const source = query
    .split('')
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const pattern = new RegExp(`^${source}$`, 'i');
  return (name) => pattern.test(name);
}
