import type { InfisicalTool } from '../tools/infisical-tool.js';

/**
 * What one tool call reads or changes, in Infisical's terms: the basis of protected
 * environments, confirmation prompts, dry runs and the audit trail. Never holds a value.
 */
export interface CallTarget {
  projectId?: string;
  /** Environment slugs the call touches; empty when it names none. */
  environments: string[];
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

type Input = Record<string, unknown>;

/** Argument names that carry an environment slug, whatever tool they belong to. */
const ENVIRONMENT_ARGUMENT =
  /^(environment|environmentSlug|environments|environmentSlugs|[a-z]+Environment(Slug)?s?)$/;
const PATH_ARGUMENTS = ['secretPath', 'path', 'folderPath'];
const SECRET_NAME_ARGUMENTS = ['secretName', 'secretKey'];
const SECRET_LIST_ARGUMENTS = ['secretNames', 'secretKeys'];
/** In arrays of objects (batch tools), the fields naming each secret. */
const SECRET_ITEM_FIELDS = ['secretKey', 'secretName'];
const OBJECT_NAME_ARGUMENTS = ['name', 'slug', 'folderName', 'tagSlug'];

/**
 * The target of a call from its validated arguments. A tool may describe its own target
 * (`describeTarget`); otherwise standard argument names are read, so tools added later are
 * covered without a list of tool names here.
 */
export function describeCallTarget(tool: InfisicalTool, input: Input): CallTarget {
  const own = tool.describeTarget?.(input as never) ?? {};
  const generic = genericTarget(tool, input);
  const target = {
    projectId: own.projectId ?? generic.projectId,
    environments: own.environments ?? generic.environments,
    path: own.path ?? generic.path,
    secretKeys: own.secretKeys ?? generic.secretKeys,
    name: own.name ?? generic.name,
  };
  return { ...target, summary: own.summary ?? summarize(tool, target) };
}

function genericTarget(tool: InfisicalTool, input: Input): Omit<CallTarget, 'summary'> {
  const projectId = stringArgument(input, 'projectId') ?? stringArgument(input, 'workspaceId');
  const environments = new Set<string>();
  for (const [key, value] of Object.entries(input)) {
    if (ENVIRONMENT_ARGUMENT.test(key)) for (const slug of slugsIn(value)) environments.add(slug);
  }
  // An environments tool names its environment by slug (create-environment, delete-environment…).
  const slug = stringArgument(input, 'slug');
  if (tool.toolset === 'environments' && slug) environments.add(slug);

  const named = new Set<string>();
  for (const key of SECRET_NAME_ARGUMENTS) {
    const name = stringArgument(input, key);
    if (name) named.add(name);
  }
  for (const key of SECRET_LIST_ARGUMENTS)
    for (const name of stringsIn(input[key])) named.add(name);
  for (const value of Object.values(input)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (item === null || typeof item !== 'object') continue;
      for (const field of SECRET_ITEM_FIELDS) {
        const name = (item as Input)[field];
        if (typeof name === 'string' && name) named.add(name);
      }
    }
  }
  const secretKeys = [...named];
  const renamed = stringArgument(input, 'newSecretName');
  if (renamed && !named.has(renamed)) secretKeys.push(renamed);

  return {
    projectId,
    environments: [...environments],
    path: PATH_ARGUMENTS.map((key) => stringArgument(input, key)).find(Boolean),
    secretKeys,
    name:
      (named.size > 0 ? [...named].join(', ') : undefined) ??
      OBJECT_NAME_ARGUMENTS.map((key) => stringArgument(input, key)).find(Boolean) ??
      idArgument(input) ??
      (environments.size > 0 ? [...environments].join(', ') : undefined) ??
      projectId,
  };
}

/** An `…Id` argument other than the project's (folderId, tagId, snapshotId…). */
function idArgument(input: Input): string | undefined {
  for (const [key, value] of Object.entries(input)) {
    if (key === 'projectId' || key === 'workspaceId') continue;
    if ((key === 'id' || key.endsWith('Id')) && typeof value === 'string' && value) return value;
  }
  return undefined;
}

function summarize(tool: InfisicalTool, target: Omit<CallTarget, 'summary'>): string {
  const parts: string[] = [];
  if (target.secretKeys.length > 0) {
    parts.push(
      `secret${target.secretKeys.length > 1 ? 's' : ''} ${target.secretKeys.map(quote).join(', ')}`,
    );
  } else if (
    target.name &&
    target.name !== target.projectId &&
    !target.environments.includes(target.name)
  ) {
    parts.push(quote(target.name));
  }
  if (target.environments.length > 0) {
    parts.push(
      `in environment${target.environments.length > 1 ? 's' : ''} ${target.environments.map(quote).join(', ')}`,
    );
  }
  if (target.path) parts.push(`at path ${quote(target.path)}`);
  if (target.projectId) parts.push(`of project ${quote(target.projectId)}`);
  return parts.length > 0 ? `${tool.title}: ${parts.join(' ')}` : tool.title;
}

function stringArgument(input: Input, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' && value ? value : undefined;
}

function stringsIn(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** A slug, a list of slugs, or a list of `{ slug }` / `{ environment }` objects. */
function slugsIn(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item === 'string') return item ? [item] : [];
    if (item && typeof item === 'object') {
      const slug = (item as Input).slug ?? (item as Input).environment;
      return typeof slug === 'string' && slug ? [slug] : [];
    }
    return [];
  });
}

function quote(text: string): string {
  return `"${text}"`;
}
