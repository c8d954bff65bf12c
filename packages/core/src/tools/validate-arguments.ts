import type { TObject } from '@sinclair/typebox';
import {
  type TypeCheck,
  TypeCompiler,
  type ValueError,
  ValueErrorType,
} from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import type { InfisicalTool } from './infisical-tool.js';
import { identifierRuleOf } from './schema.js';

export type ArgumentsCheck =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string };

/** Compiled lazily: compiling every schema at start-up would slow down `npx` cold starts. */
const checkers = new WeakMap<TObject, TypeCheck<TObject>>();

function checkerFor(schema: TObject): TypeCheck<TObject> {
  let checker = checkers.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    checkers.set(schema, checker);
  }
  return checker;
}

/**
 * Turns raw `tools/call` arguments into the handler's input: applies accepted aliases, rejects
 * unknown names (a typo must not silently drop a value), fills defaults, checks types.
 */
export function validateArguments(tool: InfisicalTool, raw: unknown): ArgumentsCheck {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, message: 'Arguments must be a JSON object.' };
  }
  const input: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const known = tool.inputSchema.properties;

  for (const [alias, canonical] of Object.entries(tool.argumentAliases ?? {})) {
    if (!(alias in input)) continue;
    if (canonical in input && input[canonical] !== input[alias]) {
      return {
        ok: false,
        message: `Give either "${canonical}" or its alias "${alias}", not both.`,
      };
    }
    input[canonical] = input[alias];
    delete input[alias];
  }
  for (const ignored of tool.ignoredArguments ?? []) delete input[ignored];

  const unknown = Object.keys(input).filter((key) => !(key in known));
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `Unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map(quote).join(', ')}. ${tool.name} accepts: ${Object.keys(known).join(', ')}.`,
    };
  }

  const value = Value.Default(tool.inputSchema, input) as Record<string, unknown>;
  const checker = checkerFor(tool.inputSchema);
  if (checker.Check(value)) return { ok: true, value };

  const problems = new Map<string, string>();
  for (const error of checker.Errors(value)) {
    const name = error.path.replace(/^\//, '').replaceAll('/', '.') || 'arguments';
    if (problems.has(name)) continue;
    const missing = error.value === undefined && !name.includes('.') && name !== 'arguments';
    problems.set(name, missing ? 'is required' : describeProblem(error));
    if (problems.size >= 5) break;
  }
  const details = [...problems].map(([name, problem]) => `${name} ${problem}`).join('; ');
  return { ok: false, message: `Invalid arguments for ${tool.name}: ${details}.` };
}

function describeProblem(error: ValueError): string {
  const allowed = (error.schema as { enum?: unknown }).enum;
  if (Array.isArray(allowed)) return `must be one of: ${allowed.join(', ')}`;
  const rule =
    error.type === ValueErrorType.StringPattern
      ? identifierRuleOf(error.schema.pattern)
      : undefined;
  return rule ?? error.message.replace(/^Expected/, 'expected');
}

function quote(name: string): string {
  return `"${name}"`;
}
