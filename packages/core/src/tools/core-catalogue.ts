import type { Toolset } from './infisical-tool.js';

/**
 * The tools a server lists when no toolset is chosen. Every listed tool costs the model tokens
 * on every turn, and clients cap the tools across all their servers (Cursor at 40), so the
 * default is what most sessions use: the official server's ten tools, so an agent written for
 * it finds them all, and the reads an agent needs to find its way (what projects, environments,
 * folders, tags, imports, members, snapshots, dynamic secrets and keys there are). Each of
 * those reads also tells the agent that its toolset exists, one flag away.
 */
export const CORE_TOOL_NAMES: ReadonlySet<string> = new Set([
  ...officialToolNames(),
  // Reads to find one's way.
  'get-project',
  'list-environments',
  'list-folders',
  'search-secrets',
  'compare-environments',
  'list-tags',
  'list-secret-imports',
  'list-project-members',
  'list-project-identities',
  'list-snapshots',
  'list-dynamic-secrets',
  'list-kms-keys',
]);

/** The official @infisical/mcp 0.0.24 server's ten tools, under the same names. */
export function officialToolNames(): string[] {
  return [
    'create-secret',
    'delete-secret',
    'update-secret',
    'list-secrets',
    'get-secret',
    'create-project',
    'create-environment',
    'create-folder',
    'invite-members-to-project',
    'list-projects',
  ];
}

/** The pseudo-toolset naming the default core set, combinable with real toolsets. */
export const CORE_TOOLSET = 'core';
/** Stands for every toolset in `--toolsets` and INFISICAL_TOOLSETS. */
export const ALL_TOOLSETS = 'all';

/** One line per toolset, for list-toolsets and the README. */
export const TOOLSET_DESCRIPTIONS: Readonly<Record<Toolset, string>> = {
  secrets: 'Read, write, search, compare and batch-change secrets.',
  projects: 'Create, read, change and delete projects.',
  environments: "Manage a project's environments.",
  folders: 'Manage the folders that hold secrets.',
  access: "Manage a project's users and machine identities and their roles.",
  tags: 'Manage the tags put on secrets.',
  imports: 'Make folders serve secrets of other folders or environments.',
  snapshots: "Read a folder's point-in-time snapshots.",
  'dynamic-secrets': 'Issue, renew and revoke short-lived credentials.',
  kms: 'Encrypt and decrypt data with Infisical KMS keys.',
  sharing: 'Share a value through a link that expires.',
};

/**
 * The toolsets a server serves when its settings name none: the core set. An allow-list of tool
 * names given alone is the narrower, explicit choice, so it picks from every toolset as before.
 */
export function toolsetsOrDefault(
  toolsets: readonly string[] | undefined,
  enabledTools: readonly string[] | undefined,
): readonly string[] | undefined {
  if (toolsets) return toolsets;
  return enabledTools ? undefined : [CORE_TOOLSET];
}
