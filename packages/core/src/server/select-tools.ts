import type { Policy } from '../safety/policy.js';
import { CORE_TOOL_NAMES, CORE_TOOLSET } from '../tools/core-catalogue.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';

export class UnknownToolError extends Error {
  override readonly name = 'UnknownToolError';
}

/**
 * Keeps the tools named in an allow-list, in the catalogue's order. An unknown name is an error:
 * a misspelt allow-list must stop start-up, not silently expose fewer tools than intended.
 */
export function selectTools<T extends Pick<InfisicalTool, 'name'>>(
  tools: readonly T[],
  enabled: readonly string[] | undefined,
): T[] {
  if (enabled === undefined) return [...tools];
  const names = new Set(tools.map((tool) => tool.name));
  const unknown = enabled.filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw new UnknownToolError(
      `Unknown tool name${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Valid tools are: ${[...names].join(', ')}`,
    );
  }
  const wanted = new Set(enabled);
  return tools.filter((tool) => wanted.has(tool.name));
}

/** The part of a {@link Policy} that chooses tools; fields left out do not narrow. */
export type ToolChoice = Partial<
  Pick<Policy, 'readOnly' | 'toolsets' | 'clientToolsets' | 'enabledTools' | 'excludedTools'>
>;

/** Whether `tool` belongs to one of `toolsets`; undefined means every toolset. */
function inToolsets(tool: InfisicalTool, toolsets: readonly string[] | undefined): boolean {
  if (!toolsets) return true;
  return (
    toolsets.includes(tool.toolset) ||
    (toolsets.includes(CORE_TOOLSET) && CORE_TOOL_NAMES.has(tool.name))
  );
}

/**
 * The one place tools are filtered, always in the same order: read-only first, then toolsets
 * (the server's, then the client's), then the allow-list, then the deny-list. A narrower
 * setting can never be widened by a later one.
 */
export function filterTools<T extends InfisicalTool>(tools: readonly T[], filter: ToolChoice): T[] {
  const allowed = selectTools(tools, filter.enabledTools);
  const excluded = new Set(
    filter.excludedTools ? selectTools(tools, filter.excludedTools).map((tool) => tool.name) : [],
  );
  return allowed.filter(
    (tool) =>
      (!filter.readOnly || tool.annotations.readOnlyHint) &&
      inToolsets(tool, filter.toolsets) &&
      inToolsets(tool, filter.clientToolsets) &&
      !excluded.has(tool.name),
  );
}
