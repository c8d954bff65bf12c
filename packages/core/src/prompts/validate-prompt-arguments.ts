import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { ProtocolError } from '../server/protocol-error.js';
import type { InfisicalPrompt } from './infisical-prompt.js';

/** Long enough for any project ID, slug, name or path; short enough to keep prompts small. */
export const MAX_PROMPT_ARGUMENT_LENGTH = 512;

/**
 * Checks `prompts/get` arguments and fills defaults. Every problem is an Invalid Params error
 * (-32602, as the MCP spec asks for missing arguments) naming all of them at once; unknown
 * names are refused so a typo cannot silently fall back to a default.
 */
export function validatePromptArguments(
  prompt: InfisicalPrompt,
  raw: unknown,
): Record<string, string> {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Prompt "${prompt.name}": arguments must be an object of strings.`,
    );
  }
  const given = (raw ?? {}) as Readonly<Record<string, unknown>>;
  const specs = new Map(prompt.arguments.map((spec) => [spec.name, spec]));
  const problems: string[] = [];

  const unknown = Object.keys(given).filter((name) => !specs.has(name));
  if (unknown.length > 0) {
    problems.push(
      `unknown argument${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (it accepts ${[...specs.keys()].join(', ')})`,
    );
  }

  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const spec of prompt.arguments) {
    const value = given[spec.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (spec.required) missing.push(spec.name);
      else if (spec.isFolderPath) values[spec.name] = '/';
      continue;
    }
    if (typeof value !== 'string') {
      problems.push(`${spec.name} must be a string`);
      continue;
    }
    const text = value.trim();
    if (text.length > MAX_PROMPT_ARGUMENT_LENGTH) {
      problems.push(`${spec.name} is longer than ${MAX_PROMPT_ARGUMENT_LENGTH} characters`);
    } else if (/\p{Cc}/u.test(text)) {
      // A newline could smuggle instructions of its own into the prompt.
      problems.push(`${spec.name} must be one line without control characters`);
    } else if (spec.isFolderPath && !text.startsWith('/')) {
      problems.push(`${spec.name} must start with "/"`);
    } else {
      values[spec.name] = text;
    }
  }
  if (missing.length > 0) {
    problems.unshift(
      `missing required argument${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  }
  if (problems.length > 0) {
    throw new ProtocolError(
      ErrorCode.InvalidParams,
      `Prompt "${prompt.name}": ${problems.join('; ')}.`,
    );
  }
  return values;
}
