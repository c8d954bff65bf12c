import type { InfisicalTool } from '../tools/infisical-tool.js';
import { canonicalSlug } from './canonical-slug.js';
import type { NamesAt, TargetDeclaration, TargetReach } from './target-declaration.js';

/**
 * What one tool call reads or changes, in Infisical's terms, resolved from the tool's
 * declaration: the basis of protected environments, confirmation prompts, dry runs and the
 * audit trail. Never holds a value.
 */
export interface CallTarget {
  reach: TargetReach;
  projectId?: string;
  /** Canonical slugs of the environments the call touches, as they are now. */
  environments: string[];
  /** The slug a renamed environment will have. */
  newEnvironment?: string;
  /** Folder path, when the call names one. */
  path?: string;
  /** Secret names the call touches (including a rename's new name). */
  secretKeys: string[];
  /**
   * The name a person (or a `confirm` argument) repeats to confirm a destructive call: the
   * secret name, folder, environment slug or project ID of what would be destroyed.
   */
  name?: string;
  /** One line naming exactly what the call acts on, e.g. `secret "API_KEY" in "prod" at "/"…`. */
  summary: string;
}

/** The current slug of an environment named by ID; rejects when the project has none such. */
export type EnvironmentSlugLookup = (projectId: string, environmentId: string) => Promise<string>;

type Input = Record<string, unknown>;

/** A tool that may change something and has not said what: such a server must not start. */
export function lacksTargetDeclaration(tool: InfisicalTool): boolean {
  return !tool.annotations.readOnlyHint && tool.target === undefined;
}

/**
 * The target of a call from its validated arguments and the tool's declaration. A tool that
 * declares nothing (a read) has a target with no project or environment.
 */
export async function resolveCallTarget(
  tool: InfisicalTool,
  input: Input,
  lookUpEnvironment: EnvironmentSlugLookup,
): Promise<CallTarget> {
  const declared: TargetDeclaration = tool.target ?? { reach: 'outside-environments' };
  const projectId = declared.project ? stringAt(input, declared.project) : undefined;

  const environments = new Set<string>();
  for (const at of declared.environments ?? []) {
    for (const slug of namesAt(input, at)) environments.add(canonicalSlug(slug));
  }
  let resolvedEnvironment: string | undefined;
  const environmentId = declared.environmentById
    ? stringAt(input, declared.environmentById)
    : undefined;
  if (environmentId !== undefined && projectId !== undefined) {
    resolvedEnvironment = canonicalSlug(await lookUpEnvironment(projectId, environmentId));
    environments.add(resolvedEnvironment);
  }
  const renamed = declared.newEnvironmentSlug
    ? stringAt(input, declared.newEnvironmentSlug)
    : undefined;
  const newEnvironment =
    renamed !== undefined && !environments.has(canonicalSlug(renamed))
      ? canonicalSlug(renamed)
      : undefined;

  const secretKeys = [...new Set((declared.secretNames ?? []).flatMap((at) => namesAt(input, at)))];
  const path = (declared.paths ?? []).map((key) => stringAt(input, key)).find(Boolean);
  const target = {
    reach: declared.reach,
    projectId,
    environments: [...environments],
    ...(newEnvironment ? { newEnvironment } : {}),
    path,
    secretKeys,
    name: confirmName(declared, input, resolvedEnvironment, secretKeys, projectId),
  };
  return { ...target, summary: summarize(tool, target) };
}

function confirmName(
  declared: TargetDeclaration,
  input: Input,
  resolvedEnvironment: string | undefined,
  secretKeys: string[],
  projectId: string | undefined,
): string | undefined {
  if (declared.confirmName === 'environment') return resolvedEnvironment;
  for (const at of declared.confirmName ?? []) {
    const names = namesAt(input, at);
    if (names.length > 0) return names.join(', ');
  }
  return secretKeys.length > 0 ? secretKeys.join(', ') : projectId;
}

function summarize(tool: InfisicalTool, target: Omit<CallTarget, 'summary'>): string {
  const parts: string[] = [];
  if (target.secretKeys.length > 0) {
    parts.push(`${plural('secret', target.secretKeys.length)} ${quoteAll(target.secretKeys)}`);
  } else if (
    target.name &&
    target.name !== target.projectId &&
    !target.environments.includes(target.name)
  ) {
    parts.push(quote(target.name));
  }
  if (target.environments.length > 0) {
    parts.push(
      `in ${plural('environment', target.environments.length)} ${quoteAll(target.environments)}`,
    );
  }
  if (target.newEnvironment) parts.push(`with the new slug ${quote(target.newEnvironment)}`);
  if (target.path) parts.push(`at path ${quote(target.path)}`);
  if (target.projectId) {
    parts.push(
      target.reach === 'project'
        ? `of project ${quote(target.projectId)} (every environment)`
        : `of project ${quote(target.projectId)}`,
    );
  }
  return parts.length > 0 ? `${tool.title}: ${parts.join(' ')}` : tool.title;
}

function stringAt(input: Input, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' && value ? value : undefined;
}

function namesAt(input: Input, at: NamesAt): string[] {
  if (typeof at === 'string') {
    const value = input[at];
    if (typeof value === 'string') return value ? [value] : [];
    return Array.isArray(value) ? value.filter(isName) : [];
  }
  const items = input[at.each];
  if (!Array.isArray(items)) return [];
  return items
    .map((item) =>
      item !== null && typeof item === 'object' ? (item as Input)[at.field] : undefined,
    )
    .filter(isName);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function plural(word: string, count: number): string {
  return count > 1 ? `${word}s` : word;
}

function quoteAll(texts: readonly string[]): string {
  return texts.map(quote).join(', ');
}

function quote(text: string): string {
  return `"${text}"`;
}
