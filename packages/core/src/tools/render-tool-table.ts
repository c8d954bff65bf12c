import type { TSchema } from '@sinclair/typebox';
import { CORE_TOOL_NAMES } from './core-catalogue.js';
import type { InfisicalTool } from './infisical-tool.js';

/**
 * The README's tool table, generated from the definitions so it cannot drift: a test compares
 * the README with this, and `pnpm --filter @infisical/mcp-core tool-table` rewrites it.
 */
export function renderToolTable(tools: readonly InfisicalTool[]): string {
  const rows = tools.map((tool) => {
    const properties = tool.inputSchema.properties as Record<string, TSchema>;
    const required = new Set(tool.inputSchema.required ?? []);
    const args = Object.entries(properties).map(([name, schema]) =>
      describeArgument(name, schema, required.has(name)),
    );
    const core = CORE_TOOL_NAMES.has(tool.name) ? 'yes' : '';
    return `| \`${tool.name}\` | ${tool.toolset} | ${core} | ${kindOf(tool)} | ${args.join(', ') || '—'} |`;
  });
  return [
    '| Tool | Toolset | Default | Kind | Arguments |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function kindOf(tool: InfisicalTool): string {
  const { readOnlyHint, destructiveHint, idempotentHint } = tool.annotations;
  if (readOnlyHint) return 'read';
  const kind = destructiveHint ? 'destructive' : 'write';
  return idempotentHint ? `${kind}, idempotent` : kind;
}

function describeArgument(name: string, schema: TSchema, required: boolean): string {
  const hasDefault = schema.default !== undefined;
  const label = required && !hasDefault ? `**${name}**` : name;
  if (hasDefault) return `${label} (\`${formatDefault(schema.default)}\`)`;
  if (Array.isArray(schema.enum)) return `${label} (${schema.enum.join(' \\| ')})`;
  return label;
}

function formatDefault(value: unknown): string {
  if (value === '') return '""';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
