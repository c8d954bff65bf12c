import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error.js';
import { debugSwitchOn, effectiveLogLevel } from '../src/config/debug-switch.js';
import { POLICY_SETTINGS, PROCESS_SETTINGS } from '../src/config/infisical-settings.js';
import { readInfisicalEnv } from '../src/config/read-infisical-env.js';
import { readPolicy } from '../src/config/read-policy.js';
import { parseSettingFlags, readSettings } from '../src/config/read-settings.js';
import { renderHelpOptions, renderSettingsTable } from '../src/config/render-settings.js';
import { Setting, settingGroup } from '../src/config/setting.js';

const universal = {
  INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: ' id ',
  INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: 'secret',
};

function messageOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const policyOf = (argv: string[], env: Record<string, string> = {}) =>
  readPolicy(
    readSettings(POLICY_SETTINGS, { flags: parseSettingFlags(argv, [POLICY_SETTINGS]), env }),
  );

describe('readSettings: flag, then variable, then default', () => {
  const group = settingGroup({
    port: Setting.integer({
      flag: 'port',
      env: 'PORT_VAR',
      default: 3333,
      minimum: 1,
      maximum: 65535,
      description: 'a port',
    }),
    mode: Setting.choice(['a', 'b'], {
      flag: 'mode',
      env: 'MODE_VAR',
      default: 'a',
      description: 'm',
    }),
    names: Setting.list({ flag: 'names', env: 'NAMES_VAR', description: 'n' }),
    token: Setting.optionalString({ env: 'TOKEN_VAR', description: 't', secret: true }),
    on: Setting.boolean({ flag: 'on', env: 'ON_VAR', description: 'o' }),
  });
  const read = (argv: string[], env: Record<string, string> = {}) =>
    readSettings(group, { flags: parseSettingFlags(argv, [group]), env });

  it('uses the default, then the variable, then the flag', () => {
    expect(read([]).values).toEqual({ port: 3333, mode: 'a', on: false });
    const fromEnv = read([], {
      PORT_VAR: '4000',
      MODE_VAR: 'B',
      NAMES_VAR: ' x, y ,,',
      ON_VAR: 'TRUE',
    });
    expect(fromEnv.values).toEqual({ port: 4000, mode: 'b', names: ['x', 'y'], on: true });
    expect(fromEnv.sourceOf('port')).toBe('PORT_VAR');
    const fromFlag = read(['--port', '5000', '--on'], { PORT_VAR: '4000' });
    expect(fromFlag.values.port).toBe(5000);
    expect(fromFlag.sourceOf('port')).toBe('--port');
    expect(fromFlag.isSet('port')).toBe(true);
    expect(read([]).isSet('port')).toBe(false);
    // An empty variable is unset, as compose files pass it.
    expect(read([], { PORT_VAR: '' }).values.port).toBe(3333);
  });

  it('names what the user typed and quotes the value', () => {
    expect(messageOf(() => read(['--port', 'abc']))).toBe(
      '--port: expected an integer from 1 to 65535, got "abc".',
    );
    expect(messageOf(() => read([], { PORT_VAR: '70000' }))).toBe(
      'PORT_VAR: expected an integer from 1 to 65535, got "70000".',
    );
    expect(messageOf(() => read(['--mode', 'c']))).toBe('--mode: expected one of a, b, got "c".');
    expect(messageOf(() => read([], { ON_VAR: 'yes' }))).toBe(
      'ON_VAR: expected true or false, got "yes".',
    );
    expect(messageOf(() => read(['--names', ' , ']))).toMatch(/^--names is set but lists nothing/);
    expect(messageOf(() => read(['--bogus']))).toMatch(/Unknown option '--bogus'.*see --help/);
  });
});

describe('commands: flags that run and exit, such as --help', () => {
  const group = settingGroup({
    quiet: Setting.boolean({ flag: 'quiet', description: 'say less' }),
    help: Setting.command({ flag: 'help', description: 'print this help and exit' }),
  });

  it('read as switches: false unless given', () => {
    const read = (argv: string[]) =>
      readSettings(group, { flags: parseSettingFlags(argv, [group]), env: {} }).values;
    expect(read([])).toEqual({ quiet: false, help: false });
    expect(read(['--help'])).toEqual({ quiet: false, help: true });
  });

  it('show no default, where a switch shows `false`', () => {
    const rows = renderSettingsTable([group]).split('\n');
    expect(rows).toContain('| `--quiet` | — | `false` | say less |');
    expect(rows).toContain('| `--help` | — | — | print this help and exit |');
    expect(renderHelpOptions([group])).not.toContain('default');
  });
});

describe('readInfisicalEnv', () => {
  it('reads the official server variables with their defaults', () => {
    expect(readInfisicalEnv(universal)).toEqual({
      connection: {
        hostUrl: 'https://app.infisical.com',
        timeoutMs: 15000,
        auth: {
          method: 'universal-auth',
          clientId: 'id',
          clientSecret: 'secret',
          tokenStrategy: 'cached',
        },
      },
    });
    expect(
      readInfisicalEnv({
        INFISICAL_AUTH_METHOD: 'access-token',
        INFISICAL_TOKEN: ' tok ',
        INFISICAL_HOST_URL: 'https://eu.infisical.com/api/',
        INFISICAL_REQUEST_TIMEOUT_MS: '2500',
      }).connection,
    ).toEqual({
      hostUrl: 'https://eu.infisical.com',
      timeoutMs: 2500,
      auth: { method: 'access-token', accessToken: 'tok' },
    });
  });

  it('names the variable that is missing or wrong', () => {
    expect(messageOf(() => readInfisicalEnv({}))).toMatch(
      /^INFISICAL_UNIVERSAL_AUTH_CLIENT_ID is not set/,
    );
    expect(messageOf(() => readInfisicalEnv({ INFISICAL_AUTH_METHOD: 'access-token' }))).toMatch(
      /^INFISICAL_TOKEN is not set/,
    );
    expect(messageOf(() => readInfisicalEnv({ ...universal, INFISICAL_AUTH_METHOD: 'oidc' }))).toBe(
      'INFISICAL_AUTH_METHOD: expected one of universal-auth, access-token, got "oidc".',
    );
    expect(
      messageOf(() => readInfisicalEnv({ ...universal, INFISICAL_HOST_URL: 'not a url' })),
    ).toMatch(/^INFISICAL_HOST_URL is not a valid URL/);
    expect(
      messageOf(() => readInfisicalEnv({ ...universal, INFISICAL_REQUEST_TIMEOUT_MS: '-1' })),
    ).toBe('INFISICAL_REQUEST_TIMEOUT_MS: expected an integer >= 1, got "-1".');
  });

  it('checks the other settings before the sandbox exists, and never echoes a secret', () => {
    expect(
      readInfisicalEnv({ INFISICAL_HOST_URL: 'https://elsewhere.example' }, { sandbox: true })
        .connection.auth,
    ).toMatchObject({ method: 'universal-auth' });
    expect(
      messageOf(() => readInfisicalEnv({ INFISICAL_TOKEN_STRATEGY: 'never' }, { sandbox: true })),
    ).toMatch(/^INFISICAL_TOKEN_STRATEGY: expected one of cached, per-call/);
    const sandbox = readInfisicalEnv(
      { INFISICAL_HOST_URL: 'https://elsewhere.example' },
      { sandbox: { hostUrl: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's' } },
    );
    expect(sandbox.connection.hostUrl).toBe('http://127.0.0.1:1');
  });
});

describe('readPolicy', () => {
  it('defaults: every tool, reveal, no protection, confirm auto', () => {
    const { policy, auditLog } = policyOf([]);
    expect(policy).toMatchObject({
      readOnly: false,
      secretValues: 'reveal',
      protectedEnvironments: [],
      allowProtectedWrites: false,
      confirmDestructive: 'auto',
    });
    expect(policy.toolsets).toBeUndefined();
    expect(policy.enabledTools).toBeUndefined();
    expect(auditLog).toBeUndefined();
  });

  it('flags win over variables; the official mask variable means at least mask', () => {
    const { policy } = policyOf(
      ['--protect-env', 'prod, staging', '--no-confirm', '--tools', 'get-secret'],
      {
        INFISICAL_PROTECTED_ENVIRONMENTS: 'dev',
        INFISICAL_MASK_SECRET_VALUES: 'true',
        INFISICAL_CONFIRM_DESTRUCTIVE: 'always',
        INFISICAL_EXCLUDED_TOOLS: 'delete-secret',
        INFISICAL_READ_ONLY: 'true',
        INFISICAL_TOOLSETS: 'members,kms',
      },
    );
    expect(policy).toMatchObject({
      protectedEnvironments: ['prod', 'staging'],
      secretValues: 'mask',
      confirmDestructive: 'off',
      enabledTools: ['get-secret'],
      excludedTools: ['delete-secret'],
      readOnly: true,
      toolsets: ['access', 'kms'],
    });
    expect(
      policyOf(['--secret-values', 'deny'], { INFISICAL_MASK_SECRET_VALUES: 'true' }).policy
        .secretValues,
    ).toBe('deny');
    expect(policyOf([], { INFISICAL_CONFIRM_DESTRUCTIVE: 'false' }).policy.confirmDestructive).toBe(
      'off',
    );
  });

  it('names the option in errors', () => {
    expect(messageOf(() => policyOf(['--secret-values', 'hide']))).toBe(
      '--secret-values: expected one of reveal, mask, deny, got "hide".',
    );
    expect(messageOf(() => policyOf([], { INFISICAL_EXCLUDED_TOOLS: 'rm-rf' }))).toMatch(
      /^INFISICAL_EXCLUDED_TOOLS: Unknown tool name: rm-rf/,
    );
    expect(messageOf(() => policyOf([], { INFISICAL_TOOLSETS: 'secrets,vaults' }))).toMatch(
      /^INFISICAL_TOOLSETS: unknown toolset vaults\. Valid toolsets are: core, all, secrets/,
    );
    expect(messageOf(() => policyOf([], { INFISICAL_FINGERPRINT_KEY: 'short' }))).toMatch(
      /at least 16/,
    );
    expect(messageOf(() => policyOf([], { INFISICAL_FINGERPRINT_KEY: 'sh;rt' }))).not.toContain(
      'sh;rt',
    );
    expect(messageOf(() => policyOf(['--protect-env', ' , ']))).toMatch(
      /--protect-env is set but lists nothing/,
    );
  });
});

describe('the DEBUG switch', () => {
  it.each([
    ['infisical-mcp:*', true],
    ['infisical-mcp', true],
    ['*', true],
    ['express:*,infisical-mcp:*', true],
    ['infisical-mcp:*,-infisical-mcp:*', false],
    ['express:*', false],
    ['', false],
  ])('DEBUG=%s turns on debug logs: %s', (debug, on) => {
    expect(debugSwitchOn(debug)).toBe(on);
  });

  it('gives way to a log level the user set', () => {
    const level = (argv: string[], env: Record<string, string>) => {
      const read = readSettings(PROCESS_SETTINGS, {
        flags: parseSettingFlags(argv, [PROCESS_SETTINGS]),
        env,
      });
      return effectiveLogLevel({
        logLevel: read.values.logLevel,
        logLevelSet: read.isSet('logLevel'),
        debug: read.values.debug,
      });
    };
    expect(level([], {})).toBe('info');
    expect(level([], { DEBUG: 'infisical-mcp:*' })).toBe('debug');
    expect(level(['--log-level', 'warn'], { DEBUG: 'infisical-mcp:*' })).toBe('warn');
  });
});
