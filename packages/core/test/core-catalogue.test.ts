import { describe, expect, it } from 'vitest';
import { parseToolsets } from '../src/config/read-infisical-env.js';
import { filterTools } from '../src/server/select-tools.js';
import { allTools } from '../src/tools/all-tools.js';
import {
  CORE_TOOL_NAMES,
  TOOLSET_DESCRIPTIONS,
  toolsetsOrDefault,
} from '../src/tools/core-catalogue.js';

/** The tools of the official @infisical/mcp server, which agents written for it call. */
const OFFICIAL_TOOLS = [
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

const names = (tools: readonly { name: string }[]) => tools.map((tool) => tool.name);

describe('the default core catalogue', () => {
  it("holds the official server's tools and reads only besides, at most 25 tools", () => {
    const core = filterTools(allTools, { toolsets: toolsetsOrDefault(undefined, undefined) });
    expect(names(core)).toEqual(expect.arrayContaining(OFFICIAL_TOOLS));
    expect(core.length).toBe(CORE_TOOL_NAMES.size);
    expect(core.length).toBeLessThanOrEqual(25);
    const others = core.filter((tool) => !OFFICIAL_TOOLS.includes(tool.name));
    expect(others.every((tool) => tool.annotations.readOnlyHint)).toBe(true);
  });

  it('is served by default; `all` serves every tool; each toolset stays one flag away', () => {
    expect(filterTools(allTools, { toolsets: parseToolsets('all', 'test') })).toHaveLength(
      allTools.length,
    );
    const withKms = filterTools(allTools, { toolsets: parseToolsets('core,kms', 'test') });
    expect(names(withKms)).toEqual(expect.arrayContaining(['kms-encrypt', 'list-projects']));
    expect(names(filterTools(allTools, { toolsets: ['sharing'] }))).toEqual([
      'create-shared-secret',
    ]);
  });

  it('gives way to an allow-list given alone, which picks from every toolset as before', () => {
    const toolsets = toolsetsOrDefault(undefined, ['kms-encrypt']);
    expect(names(filterTools(allTools, { toolsets, enabledTools: ['kms-encrypt'] }))).toEqual([
      'kms-encrypt',
    ]);
  });

  it("narrows by a client's toolsets within the server's, never beyond", () => {
    const core = ['core'];
    const served = filterTools(allTools, { toolsets: core, clientToolsets: ['secrets', 'kms'] });
    expect(
      served.every(
        (tool) => ['secrets', 'kms'].includes(tool.toolset) && CORE_TOOL_NAMES.has(tool.name),
      ),
    ).toBe(true);
    expect(served.length).toBeGreaterThan(0);
  });

  it('names only existing tools and describes every toolset', () => {
    const known = new Set(names(allTools));
    expect([...CORE_TOOL_NAMES].filter((name) => !known.has(name))).toEqual([]);
    for (const toolset of new Set(allTools.map((tool) => tool.toolset))) {
      expect(TOOLSET_DESCRIPTIONS[toolset], toolset).toBeTruthy();
    }
  });
});
