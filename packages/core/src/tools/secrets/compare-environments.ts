import { Type } from '@sinclair/typebox';
import { listSecretsIfFolderExists } from '../../infisical/api/secrets-api.js';
import { folderTarget } from '../../safety/target-declaration.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { pageArgs, pageInfo, paginate } from '../pagination.js';
import { Identifier, projectIdArg, StringEnum, secretPathArg } from '../schema.js';
import { projectEnvironmentSlugs } from './project-environments.js';

const COMPARISONS = ['same', 'different', 'only-one', 'unreadable'] as const;

export const compareEnvironmentsTool = defineTool({
  name: 'compare-environments',
  title: 'Compare environments',
  description:
    'Compare one folder across environments: which names exist where and whether values match, without returning them. For drift or pre-deploy checks.',
  toolset: 'secrets',
  annotations: READS,
  target: folderTarget('environmentSlugs', 'secretPath'),
  inputSchema: Type.Object({
    projectId: projectIdArg(),
    environmentSlugs: Type.Array(Identifier('slug', { maxLength: 64 }), {
      minItems: 2,
      maxItems: 20,
      description: 'Environment slugs to compare.',
    }),
    secretPath: secretPathArg(),
    onlyDifferences: Type.Boolean({
      default: false,
      description: 'Only names that differ somewhere.',
    }),
    includeValues: Type.Boolean({
      default: false,
      description: 'Also return each value, by environment.',
    }),
    ...pageArgs(),
  }),
  outputSchema: Type.Object({
    environments: Type.Array(Type.String(), { description: 'The environments compared.' }),
    folderMissingIn: Type.Array(Type.String(), {
      description:
        'Environments that have no folder at secretPath; their secrets count as missing there.',
    }),
    valuesHiddenIn: Type.Array(Type.String(), {
      description:
        "Environments where the identity's role may list names but not read values; names there are compared, values not.",
    }),
    keys: Type.Array(
      Type.Object({
        secretKey: Type.String({ description: 'Name of the secret.' }),
        presentIn: Type.Array(Type.String(), { description: 'Environments that have it.' }),
        missingFrom: Type.Array(Type.String(), { description: 'Environments that lack it.' }),
        values: StringEnum(COMPARISONS, {
          description:
            '"same": every environment that has it holds the same value; "different": they differ; "only-one": only one environment has it; "unreadable": the role may not read its value in one of them.',
        }),
        valuesByEnvironment: Type.Optional(
          Type.Record(Type.String(), Type.String(), {
            secretValue: true,
            description: 'Value per environment (only with includeValues).',
          }),
        ),
      }),
    ),
    summary: Type.Object(
      {
        same: Type.Integer({ description: 'Names everywhere with one value.' }),
        different: Type.Integer({ description: 'Names whose values differ somewhere.' }),
        missingSomewhere: Type.Integer({ description: 'Names absent from at least one.' }),
      },
      { description: 'Counts over every name, not only this page.' },
    ),
    ...pageInfo(),
  }),
  async handler(input, { infisical, signal }) {
    const environments = await projectEnvironmentSlugs(
      infisical,
      input.projectId,
      input.environmentSlugs,
      signal,
    );
    const listed = await Promise.all(
      environments.map(async (environment) => {
        const found = await listSecretsIfFolderExists(
          infisical,
          {
            projectId: input.projectId,
            environment,
            secretPath: input.secretPath,
            expandSecretReferences: true,
            includeImports: false,
          },
          signal,
        );
        // null: Infisical withheld the value, so it cannot be compared.
        return (
          found &&
          new Map(
            found.secrets.map((secret) => [
              secret.secretKey,
              secret.secretValueHidden ? null : secret.secretValue,
            ]),
          )
        );
      }),
    );
    const folderMissingIn = environments.filter((_, index) => listed[index] === undefined);
    const valuesHiddenIn = environments.filter((_, index) =>
      [...(listed[index]?.values() ?? [])].some((value) => value === null),
    );
    const valuesByEnvironment = listed.map((values) => values ?? new Map<string, string | null>());
    const names = [...new Set(valuesByEnvironment.flatMap((values) => [...values.keys()]))].sort();
    const rows = names.map((secretKey) => {
      const present = environments.flatMap((environment, index) => {
        const value = valuesByEnvironment[index]?.get(secretKey);
        return value === undefined ? [] : [{ environment, value }];
      });
      const distinct = new Set(present.map((entry) => entry.value)).size;
      const readable = present.flatMap(({ environment, value }) =>
        value === null ? [] : [{ environment, value }],
      );
      return {
        secretKey,
        presentIn: present.map((entry) => entry.environment),
        missingFrom: environments.filter((e) => !present.some((entry) => entry.environment === e)),
        values:
          present.length === 1
            ? 'only-one'
            : readable.length < present.length
              ? 'unreadable'
              : distinct === 1
                ? 'same'
                : 'different',
        ...(input.includeValues
          ? {
              valuesByEnvironment: Object.fromEntries(
                readable.map((entry) => [entry.environment, entry.value]),
              ),
            }
          : {}),
      } as const;
    });
    const summary = {
      same: rows.filter((row) => row.values === 'same' && row.missingFrom.length === 0).length,
      different: rows.filter((row) => row.values === 'different').length,
      missingSomewhere: rows.filter((row) => row.missingFrom.length > 0).length,
    };
    const shown = input.onlyDifferences
      ? rows.filter((row) => row.values !== 'same' || row.missingFrom.length > 0)
      : rows;
    const page = paginate(shown, input);
    return {
      environments,
      folderMissingIn,
      valuesHiddenIn,
      keys: page.items,
      summary,
      totalCount: page.totalCount,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});
