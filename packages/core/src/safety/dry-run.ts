import type { InfisicalTool } from '../tools/infisical-tool.js';
import type { CallTarget } from './call-target.js';
import type { SecretValueMasker, SecretValuePolicy } from './secret-value-policy.js';
import { applyValuePolicy } from './secret-value-schema.js';

const DRY_RUN_SCHEMA = {
  type: 'object',
  description:
    'Present only when the call was a dry run (dryRun: true): what it would have changed. Nothing was changed in Infisical.',
  properties: {
    tool: { type: 'string' },
    summary: { type: 'string', description: 'What the call would act on, in one line.' },
    destructive: { type: 'boolean', description: 'Whether it would overwrite or remove data.' },
    projectId: { type: 'string' },
    environments: { type: 'array', items: { type: 'string' } },
    newEnvironment: { type: 'string', description: 'The slug a renamed environment would get.' },
    path: { type: 'string' },
    secretKeys: { type: 'array', items: { type: 'string' } },
    arguments: {
      type: 'object',
      description: "The validated arguments, with secret values under the server's value policy.",
    },
  },
  required: ['tool', 'summary', 'destructive', 'environments', 'secretKeys', 'arguments'],
};

/**
 * The output schema of a tool that changes something: its own, or a `dryRun` report. The
 * top level stays `type: object` as MCP requires; `anyOf` keeps the tool's required fields
 * required whenever the report is absent.
 */
export function withDryRunOutput(outputSchema: Record<string, unknown>): Record<string, unknown> {
  const properties = (outputSchema.properties ?? {}) as Record<string, unknown>;
  const required = (outputSchema.required ?? []) as string[];
  const { required: _dropped, ...rest } = outputSchema;
  return {
    ...rest,
    properties: { ...properties, dryRun: DRY_RUN_SCHEMA },
    ...(required.length > 0 ? { anyOf: [{ required }, { required: ['dryRun'] }] } : {}),
  };
}

/** What a dry run returns in place of the tool's output. */
export function dryRunReport(
  tool: InfisicalTool,
  target: CallTarget,
  input: Record<string, unknown>,
  policy: SecretValuePolicy,
  masker: SecretValueMasker,
): { dryRun: Record<string, unknown> } {
  return {
    dryRun: {
      tool: tool.name,
      summary: `Would run ${target.summary}`,
      destructive: tool.annotations.destructiveHint,
      ...(target.projectId ? { projectId: target.projectId } : {}),
      environments: target.environments,
      ...(target.newEnvironment ? { newEnvironment: target.newEnvironment } : {}),
      ...(target.path ? { path: target.path } : {}),
      secretKeys: target.secretKeys,
      arguments: applyValuePolicy(tool.inputSchema, input, policy, masker),
    },
  };
}
