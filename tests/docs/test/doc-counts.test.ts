import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allTools, CORE_TOOL_NAMES, officialToolNames } from '@infisical/mcp-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, readRepoFile, section } from './support/markdown.js';

/** Every document a user reads: the READMEs and docs/. */
function documents(): string[] {
  const markdownIn = (folder: string, recursive: boolean): string[] =>
    readdirSync(join(REPO_ROOT, folder), { withFileTypes: true, recursive })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name).slice(REPO_ROOT.length));
  const packageReadmes = ['apps', 'packages'].flatMap((folder) =>
    readdirSync(join(REPO_ROOT, folder)).map((name) => `${folder}/${name}/README.md`),
  );
  return ['README.md', 'docker/README.md', ...packageReadmes, ...markdownIn('docs', true)];
}

/** Each number the documents state for a pattern, with where it was found. */
function statedCounts(pattern: RegExp): { where: string; count: number }[] {
  return documents().flatMap((path) =>
    [...readRepoFile(path).matchAll(pattern)].map((match) => ({
      where: `${path}: "${match[0]}"`,
      count: wordToNumber(match[1] ?? ''),
    })),
  );
}

const WORDS: Record<string, number> = { ten: 10, twelve: 12, twenty: 20 };
const wordToNumber = (text: string) => WORDS[text.toLowerCase()] ?? Number(text.replace(',', ''));

let served: { tools: number; resources: number; prompts: number };

beforeAll(async () => {
  const client = new Client({ name: 'doc-counts', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(REPO_ROOT, 'apps/mcp-cli/dist/main.js'), '--sandbox'],
      stderr: 'ignore',
    }),
  );
  served = {
    tools: (await client.listTools()).tools.length,
    resources: (await client.listResources()).resources.length,
    prompts: (await client.listPrompts()).prompts.length,
  };
  await client.close();
});

describe('counts in the documents come from the code', () => {
  it('the default core set: what the docs say is what a server started with no options lists', () => {
    expect(served.tools).toBe(CORE_TOOL_NAMES.size);
    const stated = [
      ...statedCounts(/the (\d+) of the default core set/g),
      ...statedCounts(/core set of (\d+) tools/g),
      ...statedCounts(/default: (\d+) everyday tools/g),
    ];
    expect(stated.length).toBeGreaterThanOrEqual(6);
    expect(stated.filter(({ count }) => count !== CORE_TOOL_NAMES.size)).toEqual([]);
  });

  it('every tool: `--toolsets all` serves them all', () => {
    const stated = statedCounts(/`--toolsets all` serves all (\d+)/g);
    expect(stated.length).toBeGreaterThanOrEqual(4);
    expect(stated.filter(({ count }) => count !== allTools.length)).toEqual([]);
  });

  it("the official server's tools: ten, and no page promises only those", () => {
    const stated = [
      ...statedCounts(/official server's (\w+) tools/g),
      ...statedCounts(/(\w+) tools of the official server/g),
    ];
    expect(stated.length).toBeGreaterThanOrEqual(2);
    expect(stated.filter(({ count }) => count !== officialToolNames().length)).toEqual([]);
    const promises = documents().filter((path) =>
      /the ten Infisical tools/.test(readRepoFile(path)),
    );
    expect(promises).toEqual([]);
  });

  it('no page says the server offers tools only: it serves resources and prompts', () => {
    expect(served.resources).toBeGreaterThan(0);
    expect(served.prompts).toBeGreaterThan(0);
    const denials = documents().filter((path) =>
      /offers tools only|only offers tools|offers only tools/i.test(readRepoFile(path)),
    );
    expect(denials).toEqual([]);
  });
});

describe("the README's package table", () => {
  it('lists every published package of the workspace, with its bin', async () => {
    const table = section(readRepoFile('README.md'), 'Infisical MCP');
    const published: string[] = [];
    for (const folder of ['apps', 'packages']) {
      for (const name of readdirSync(join(REPO_ROOT, folder))) {
        const manifest = JSON.parse(readRepoFile(`${folder}/${name}/package.json`)) as {
          name: string;
          private?: boolean;
          bin?: Record<string, string>;
        };
        if (manifest.private) continue;
        published.push(manifest.name);
        const row = table
          .split('\n')
          .find((line) => line.startsWith('|') && line.includes(`\`${manifest.name}\``));
        expect(row, manifest.name).toBeDefined();
        expect(row, manifest.name).toContain(`\`${folder}/${name}\``);
        for (const bin of Object.keys(manifest.bin ?? {})) expect(row).toContain(`\`${bin}\``);
      }
    }
    expect(published).toContain('@infisical/mcp-transport-http');
  });
});
