import type { InfisicalTool } from '../tools/infisical-tool.js';
import type { ConfirmMode } from './confirm-destructive.js';
import { carriesSecretValues } from './secret-value-schema.js';

/**
 * Each argument explained in full once, in the server's instructions: the schemas repeat on
 * every tool, so they carry only a reminder.
 */
export const SAFETY_ARGUMENT_INSTRUCTIONS =
  'Tools that change something take dryRun: true to change nothing and send nothing to Infisical, answering what the call would change. ' +
  'Destructive tools may refuse until confirmed: ask the user, then call again with confirm set to the name of what will be destroyed exactly as given in the other arguments (the secret name, or the folder, environment slug or project ID). ' +
  "Tools returning secrets take includeValues: false to leave the values out; it can hide values, never reveal more than the server's value policy allows.";

/**
 * Arguments the server adds to tools by their annotations and output, so every tool (today's
 * and those added later) gets them without declaring them: `dryRun` on every tool that
 * changes something, `confirm` on destructive ones, `includeValues` on those returning secret
 * values. A tool that declares one of these itself handles it itself.
 */
export const SAFETY_ARGUMENT_SCHEMAS = {
  dryRun: {
    type: 'boolean',
    default: false,
    description: 'Preview only.',
  },
  confirm: {
    type: 'string',
    description: 'Name of what this destroys; ask the user first.',
  },
  includeValues: {
    type: 'boolean',
    default: true,
    description: 'false: omit values.',
  },
} as const;

export type SafetyArgumentName = keyof typeof SAFETY_ARGUMENT_SCHEMAS;

/** The safety arguments this server adds to a tool (advertised, and stripped before validation). */
export function addedSafetyArguments(
  tool: InfisicalTool,
  confirmMode: ConfirmMode,
): { accepted: SafetyArgumentName[]; advertised: SafetyArgumentName[] } {
  const declared = tool.inputSchema.properties as Record<string, unknown>;
  const accepted: SafetyArgumentName[] = [];
  const advertised: SafetyArgumentName[] = [];
  if (!tool.annotations.readOnlyHint && !('dryRun' in declared)) {
    accepted.push('dryRun');
    advertised.push('dryRun');
  }
  if (tool.annotations.destructiveHint && !('confirm' in declared)) {
    // Accepted in every mode, so a client that always sends it never breaks; advertised only
    // where it is needed.
    accepted.push('confirm');
    if (confirmMode === 'always') advertised.push('confirm');
  }
  if (carriesSecretValues(tool.outputSchema) && !('includeValues' in declared)) {
    accepted.push('includeValues');
    advertised.push('includeValues');
  }
  return { accepted, advertised };
}

export interface SafetyArguments {
  dryRun: boolean;
  confirm?: unknown;
  includeValues?: boolean;
}

export type SplitArguments =
  | { ok: true; safety: SafetyArguments; rest: unknown }
  | { ok: false; message: string };

/** Separates the added safety arguments from the tool's own, which the tool then validates. */
export function splitSafetyArguments(
  raw: unknown,
  accepted: readonly SafetyArgumentName[],
): SplitArguments {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || accepted.length === 0) {
    return { ok: true, safety: { dryRun: false }, rest: raw };
  }
  const rest: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const taken: Record<string, unknown> = {};
  for (const name of accepted) {
    if (name in rest) {
      taken[name] = rest[name];
      delete rest[name];
    }
  }
  for (const name of ['dryRun', 'includeValues'] as const) {
    if (taken[name] !== undefined && typeof taken[name] !== 'boolean') {
      return { ok: false, message: `Invalid arguments: ${name} must be true or false.` };
    }
  }
  return {
    ok: true,
    safety: {
      dryRun: taken.dryRun === true,
      confirm: taken.confirm,
      includeValues: taken.includeValues as boolean | undefined,
    },
    rest,
  };
}

/** A tool's advertised input schema with the added safety arguments. */
export function withSafetyArguments(
  inputSchema: Record<string, unknown>,
  names: readonly SafetyArgumentName[],
): Record<string, unknown> {
  if (names.length === 0) return inputSchema;
  const properties = { ...((inputSchema.properties ?? {}) as Record<string, unknown>) };
  for (const name of names) properties[name] = SAFETY_ARGUMENT_SCHEMAS[name];
  return { ...inputSchema, properties };
}
