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
