import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderInfisicalMessage } from '../src/infisical/render-infisical-message.js';
import { filterTools, selectTools, UnknownToolError } from '../src/server/select-tools.js';
import { allTools } from '../src/tools/all-tools.js';
import { maskUrlCredentials, withoutUrlCredentials } from '../src/url-credentials.js';
import { CORE_VERSION } from '../src/version.js';

describe('renderInfisicalMessage', () => {
  it('renders a 422 issue list as one sentence', () => {
    expect(
      renderInfisicalMessage([
        { code: 'invalid_type', path: ['environment'], message: 'Required' },
        {
          code: 'custom',
          path: ['secrets', 0, 'secretKey'],
          message: 'Secret name cannot contain colon',
        },
      ]),
    ).toBe('environment: Required; secrets.0.secretKey: Secret name cannot contain colon');
  });

  it('passes plain messages through and tolerates odd ones', () => {
    expect(renderInfisicalMessage('Secret not found')).toBe('Secret not found');
    expect(renderInfisicalMessage(undefined)).toBe('');
    expect(renderInfisicalMessage({ weird: true })).toBe('{"weird":true}');
  });
});

describe('URL credentials', () => {
  it('masks user info in URLs, valid or not, alone or inside a message', () => {
    expect(maskUrlCredentials('https://user:pass@infisical.example.com/api')).toBe(
      'https://***@infisical.example.com/api',
    );
    expect(maskUrlCredentials('http://token-as-user@127.0.0.1:8080')).toBe(
      'http://***@127.0.0.1:8080',
    );
    expect(maskUrlCredentials('not valid ("https://u:p@exa mple") nor http://a:b@c')).toBe(
      'not valid ("https://***@exa mple") nor http://***@c',
    );
    // Nothing to mask: an @ in the path or query is not user info.
    expect(maskUrlCredentials('https://host/users/@me?to=a@b')).toBe(
      'https://host/users/@me?to=a@b',
    );
  });

  it('drops user info from a link', () => {
    expect(withoutUrlCredentials('https://user:pass@host/shared/secret/1')).toBe(
      'https://host/shared/secret/1',
    );
  });
});

describe('selectTools', () => {
  it('keeps catalogue order and rejects unknown names', () => {
    expect(selectTools(allTools, ['list-projects', 'get-secret']).map((t) => t.name)).toEqual([
      'get-secret',
      'list-projects',
    ]);
    expect(() => selectTools(allTools, ['get-secret', 'Get-Secret'])).toThrow(UnknownToolError);
    expect(selectTools(allTools, undefined)).toHaveLength(allTools.length);
  });
});

describe('filterTools', () => {
  const names = (filter: Parameters<typeof filterTools>[1]) =>
    filterTools(allTools, filter).map((tool) => tool.name);

  it('applies read-only before toolsets and the allow-list, which cannot widen it', () => {
    expect(names({ readOnly: true })).toEqual([
      'list-secrets',
      'get-secret',
      'compare-environments',
      'search-secrets',
      'list-projects',
      'get-project',
      'list-environments',
      'list-folders',
      'list-project-members',
      'list-project-identities',
      'list-tags',
      'list-secret-imports',
      'list-snapshots',
      'get-snapshot',
      'list-dynamic-secrets',
      'get-dynamic-secret',
      'list-kms-keys',
      'kms-encrypt',
      'kms-decrypt',
    ]);
    expect(names({ readOnly: true, enabledTools: ['create-secret', 'get-secret'] })).toEqual([
      'get-secret',
    ]);
    expect(names({ toolsets: ['projects'] })).toEqual([
      'create-project',
      'list-projects',
      'get-project',
      'update-project',
      'delete-project',
    ]);
    expect(names({ readOnly: true, toolsets: ['secrets'] })).toEqual([
      'list-secrets',
      'get-secret',
      'compare-environments',
      'search-secrets',
    ]);
    expect(() => names({ enabledTools: ['nope'] })).toThrow(UnknownToolError);
  });
});

describe('catalogue', () => {
  it('serves the official server ten tools under the same names', () => {
    expect(allTools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining([
        'create-environment',
        'create-folder',
        'create-project',
        'create-secret',
        'delete-secret',
        'get-secret',
        'invite-members-to-project',
        'list-projects',
        'list-secrets',
        'update-secret',
      ]),
    );
  });

  it('states the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(CORE_VERSION).toBe(pkg.version);
  });
});
