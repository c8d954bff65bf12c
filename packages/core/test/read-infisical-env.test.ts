import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { readInfisicalEnv } from '../src/config/read-infisical-env.js';

const universal = {
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: ' id ',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'secret',
};

function errorOf(env: Record<string, string>): string {
  try {
    readInfisicalEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('readInfisicalEnv', () => {
  it('reads the official server variables with their defaults', () => {
    expect(readInfisicalEnv(universal)).toEqual({
      connection: {
        hostUrl: 'https://app.infisical.com',
        timeoutMs: undefined,
        auth: {
          method: 'universal-auth',
          clientId: 'id',
          clientSecret: 'secret',
          tokenStrategy: 'cached',
        },
      },
      enabledTools: undefined,
      maskSecretValues: false,
      readOnly: false,
      toolsets: undefined,
      dynamicToolsets: false,
    });
  });

  it('reads access-token auth, the allow-list, masking and the strategy', () => {
    const settings = readInfisicalEnv({
      INFISICAL_AUTH_METHOD: 'access-token',
      INFISICAL_TOKEN: ' tok ',
      INFISICAL_HOST_URL: 'https://eu.infisical.com/api/',
      INFISICAL_ENABLED_TOOLS: ' get-secret , list-secrets,,',
      INFISICAL_MASK_SECRET_VALUES: ' TRUE ',
      INFISICAL_REQUEST_TIMEOUT_MS: '2500',
    });
    expect(settings).toEqual({
      connection: {
        hostUrl: 'https://eu.infisical.com',
        timeoutMs: 2500,
        auth: { method: 'access-token', accessToken: 'tok' },
      },
      enabledTools: ['get-secret', 'list-secrets'],
      maskSecretValues: true,
      readOnly: false,
      toolsets: undefined,
      dynamicToolsets: false,
    });
    expect(
      readInfisicalEnv({ ...universal, INFISICAL_DYNAMIC_TOOLSETS: 'true' }).dynamicToolsets,
    ).toBe(true);
    expect(
      readInfisicalEnv({ ...universal, INFISICAL_TOKEN_STRATEGY: 'per-call' }).connection.auth,
    ).toMatchObject({ tokenStrategy: 'per-call' });
  });

  it('names the variable that is missing or wrong', () => {
    expect(errorOf({})).toMatch(/^INFISICAL_UNIVERSAL_AUTH_CLIENT_ID is not set/);
    expect(errorOf({ INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: 'x' })).toMatch(
      /^INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET is not set/,
    );
    expect(errorOf({ INFISICAL_AUTH_METHOD: 'access-token' })).toMatch(
      /^INFISICAL_TOKEN is not set/,
    );
    expect(errorOf({ ...universal, INFISICAL_AUTH_METHOD: 'oidc' })).toMatch(
      /^INFISICAL_AUTH_METHOD must be one of universal-auth, access-token/,
    );
    expect(errorOf({ ...universal, INFISICAL_HOST_URL: 'not a url' })).toMatch(
      /^INFISICAL_HOST_URL is not a valid URL/,
    );
    expect(errorOf({ ...universal, INFISICAL_MASK_SECRET_VALUES: 'yes' })).toMatch(
      /^INFISICAL_MASK_SECRET_VALUES must be "true" or "false"/,
    );
    expect(errorOf({ ...universal, INFISICAL_ENABLED_TOOLS: ' , ' })).toMatch(
      /^INFISICAL_ENABLED_TOOLS is set but lists no tools/,
    );
    expect(errorOf({ ...universal, INFISICAL_TOKEN_STRATEGY: 'sometimes' })).toMatch(
      /^INFISICAL_TOKEN_STRATEGY must be one of cached, per-call/,
    );
    expect(errorOf({ ...universal, INFISICAL_REQUEST_TIMEOUT_MS: '-1' })).toMatch(
      /^INFISICAL_REQUEST_TIMEOUT_MS must be a positive whole number/,
    );
  });

  it('reads read-only mode and toolsets, rejecting unknown toolsets', () => {
    expect(
      readInfisicalEnv({
        ...universal,
        INFISICAL_READ_ONLY: 'true',
        INFISICAL_TOOLSETS: ' secrets, folders ',
      }),
    ).toMatchObject({ readOnly: true, toolsets: ['secrets', 'folders'] });
    expect(errorOf({ ...universal, INFISICAL_TOOLSETS: 'secrets,vaults' })).toMatch(
      /^INFISICAL_TOOLSETS: unknown toolset vaults\. Valid toolsets are: core, all, secrets, projects/,
    );
    expect(readInfisicalEnv({ ...universal, INFISICAL_TOOLSETS: 'members,kms' }).toolsets).toEqual([
      'access',
      'kms',
    ]);
    expect(errorOf({ ...universal, INFISICAL_READ_ONLY: 'maybe' })).toMatch(
      /^INFISICAL_READ_ONLY must be "true" or "false"/,
    );
  });

  it('ignores host and credential variables in sandbox mode', () => {
    const settings = readInfisicalEnv(
      { INFISICAL_HOST_URL: 'https://elsewhere.example' },
      { sandbox: { hostUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's' } },
    );
    expect(settings.connection.hostUrl).toBe('http://127.0.0.1:1');
    expect(settings.connection.auth).toMatchObject({ method: 'universal-auth', clientId: 'c' });
  });
});
