import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { settingsOf } from '@infisical/mcp-core';
import { describe, expect, it } from 'vitest';
import { STDIO_SETTING_GROUPS } from '../../../apps/mcp-cli/src/stdio-settings.js';
import { HTTP_SETTING_GROUPS } from '../../../apps/mcp-http/src/http-settings.js';
import {
  composeWithPassthrough,
  readmeWithTables,
  serverJsonWithVariables,
} from './support/settings-docs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const UPDATE = process.env.UPDATE_SETTINGS_DOCS === '1';
const REGENERATE = 'run `npx -y pnpm@12.21.0 settings-docs` to regenerate it';

/** Table cells padded by the formatter compare equal to the generated ones. */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim())
    .join('\n');
}

/** Compares a generated file with the one on disk, or writes it with UPDATE_SETTINGS_DOCS=1. */
function checkGenerated(relativePath: string, generate: (current: string) => string): void {
  const path = join(ROOT, relativePath);
  const current = readFileSync(path, 'utf8');
  const generated = generate(current);
  if (UPDATE) {
    writeFileSync(path, generated);
    // The formatter pads the tables and indents the JSON as the repository keeps them.
    spawnSync('npx', ['biome', 'format', '--write', path], { cwd: ROOT, stdio: 'ignore' });
    return;
  }
  const comparable = (text: string) =>
    relativePath.endsWith('.json') ? JSON.parse(text) : normalize(text);
  expect(comparable(current), `${relativePath} is stale: ${REGENERATE}`).toEqual(
    comparable(generated),
  );
}

describe('files generated from the settings declarations', () => {
  it('README.md option tables', () => {
    checkGenerated('README.md', readmeWithTables);
  });

  it('docker/docker-compose.yml environment passthrough', () => {
    checkGenerated('docker/docker-compose.yml', composeWithPassthrough);
  });

  it('server.json environment variables', () => {
    checkGenerated('server.json', serverJsonWithVariables);
  });

  it('notice a stale table, as a forgotten regeneration leaves it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const stale = readme.replace('`INFISICAL_MCP_PORT`', '`INFISICAL_MCP_PORT_OLD`');
    expect(stale).not.toBe(readme);
    expect(normalize(readmeWithTables(stale))).toBe(normalize(readme));
    expect(normalize(stale)).not.toBe(normalize(readmeWithTables(stale)));
  });
});

describe('the settings declarations', () => {
  it.each([
    ['stdio', STDIO_SETTING_GROUPS],
    ['http', HTTP_SETTING_GROUPS],
  ] as const)('of %s: each flag and variable once, each setting described', (_binary, groups) => {
    const settings = settingsOf(groups);
    const flags = settings.flatMap((setting) => (setting.flag ? [setting.flag] : []));
    const variables = settings.flatMap((setting) => (setting.env ? [setting.env] : []));
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(variables).size).toBe(variables.length);
    for (const setting of settings) {
      expect(setting.flag ?? setting.env, 'a setting needs a flag or a variable').toBeDefined();
      expect(setting.description.length, setting.flag ?? setting.env).toBeGreaterThan(10);
    }
  });
});
