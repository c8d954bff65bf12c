import type { ToolAnnotations } from '../tools/infisical-tool.js';

/**
 * The value MCP gives each hint a tool leaves out (ToolAnnotations in the specification). Each
 * is the cautious reading: not read-only, destructive, not idempotent, reaching outside.
 */
const SPECIFICATION_DEFAULTS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/**
 * The hints as listed: only those that differ from MCP's defaults, which a client applies to
 * the rest, and no `title`, which the tool already carries at its top level. A client that
 * ignores the defaults reads a missing hint as unknown, which errs the same cautious way.
 * Every tool pays these bytes in every `tools/list` answer.
 */
export function advertisedAnnotations(annotations: ToolAnnotations): Partial<ToolAnnotations> {
  return Object.fromEntries(
    Object.entries(annotations).filter(
      ([hint, value]) => SPECIFICATION_DEFAULTS[hint as keyof ToolAnnotations] !== value,
    ),
  );
}

/** The hints a client reads from an advertised tool, MCP's defaults filled in. */
export function hintsWithDefaults(
  advertised: Partial<ToolAnnotations> | undefined,
): ToolAnnotations {
  return { ...SPECIFICATION_DEFAULTS, ...advertised };
}
