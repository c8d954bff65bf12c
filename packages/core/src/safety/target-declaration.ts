/**
 * What a tool that changes something acts on, declared as data in its definition. Protected
 * environments, dry runs, confirmations and the audit trail read this declaration; nothing is
 * guessed from argument names, so a tool whose arguments are named differently cannot slip
 * past a rule, and a new tool cannot be served until it says what it touches.
 */

/** The names of a tool input's arguments. */
export type ArgumentName<I> = Extract<keyof I, string>;

/**
 * Where names sit in the input: a string argument, an array of strings, or one field of each
 * object in an array argument (`{ each: 'secrets', field: 'secretName' }` for batch tools).
 */
export type NamesAt<K extends string = string> = K | { each: K; field: string };

/**
 * How far a call reaches inside a project:
 * - `environments`: only the environments the declaration names;
 * - `project`: every environment of the project (deleting or renaming it, changing who may
 *   access it, a tag any secret may carry);
 * - `outside-environments`: nothing an environment holds (a new project, a new tag, a shared
 *   secret).
 */
export type TargetReach = 'environments' | 'project' | 'outside-environments';

/** `K` is the union of the tool's argument names, so a declaration cannot name a missing one. */
export interface TargetDeclaration<K extends string = string> {
  reach: TargetReach;
  /** The argument holding the project ID. */
  project?: K;
  /** Arguments naming environments by slug. */
  environments?: readonly NamesAt<K>[];
  /**
   * An argument naming one environment by ID. The server resolves it to the environment's
   * current slug with one read of the project before the call, and fails the call when the
   * project has no such environment.
   */
  environmentById?: K;
  /** An argument that gives the environment a new slug: protection checks the old and the new. */
  newEnvironmentSlug?: K;
  /** Arguments holding folder paths (the first one given is the call's path). */
  paths?: readonly K[];
  /** Arguments holding secret names, a rename's new name included. */
  secretNames?: readonly NamesAt<K>[];
  /**
   * What a person repeats to confirm a destructive call: the first of these arguments that is
   * given, or `environment` for the resolved environment slug. Default: the secret names, else
   * the project ID.
   */
  confirmName?: readonly NamesAt<K>[] | 'environment';
}

type FolderExtras<K extends string> = Omit<TargetDeclaration<K>, 'reach' | 'project'>;

/**
 * The target most tools share: one folder of one environment of a project (`projectId`),
 * plus what the tool adds (secret names, more environments or paths, the name to confirm).
 */
export function folderTarget<const K extends string>(
  environment: K,
  path: K,
  extras: FolderExtras<K> = {},
): TargetDeclaration<K | 'projectId'> {
  return {
    ...extras,
    reach: 'environments',
    project: 'projectId',
    environments: [environment, ...(extras.environments ?? [])],
    paths: [path, ...(extras.paths ?? [])],
  };
}
