import type { InfisicalTool } from '../tools/infisical-tool.js';
import type { CallTarget } from './call-target.js';
import type { SecretValueMasker, SecretValuePolicy } from './secret-value-policy.js';
import { applyValuePolicy } from './secret-value-schema.js';

/**
 * The report as advertised: an object, its shape left out. Every tool that changes something
 * would repeat the same nine fields (about 100 tokens a tool in every `tools/list` answer); it is
 * described once, in the README and by `dryRunReport` below, and a client that validates
 * output still learns that a dry run answers an object under `dryRun` instead of the tool's
 * own fields.
 */
const DRY_RUN_SCHEMA = { type: 'object' };

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
