import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  type OptionSpec,
  optionReader,
  readSafetySettings,
  SAFETY_OPTIONS,
} from '../src/config/safety-settings.js';
import { describeCallTarget } from '../src/safety/call-target.js';
import { confirmDestructiveCall } from '../src/safety/confirm-destructive.js';
import { withDryRunOutput } from '../src/safety/dry-run.js';
import { ProtectedEnvironments } from '../src/safety/protected-environments.js';
import { addedSafetyArguments, splitSafetyArguments } from '../src/safety/safety-arguments.js';
import { narrowerValuePolicy, SecretValueMasker } from '../src/safety/secret-value-policy.js';
import {
  advertisedSecretSchema,
  applyValuePolicy,
  carriesSecretValues,
} from '../src/safety/secret-value-schema.js';
import { filterTools } from '../src/server/select-tools.js';
import { allTools } from '../src/tools/all-tools.js';
import { CHANGES_OR_REMOVES } from '../src/tools/annotations.js';
import { defineTool, type InfisicalTool } from '../src/tools/infisical-tool.js';
import { SecretOutput } from '../src/tools/secrets/secret-output.js';

const tool = (name: string) =>
  allTools.find((candidate) => candidate.name === name) as InfisicalTool;

/** A tool of the future, with only standard argument names: the policies must cover it. */
const deleteSecretsBatch = defineTool({
  name: 'delete-secrets',
  title: 'Delete secrets',
  description: 'Deletes several secrets.',
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  inputSchema: Type.Object({
    projectId: Type.String(),
    environment: Type.String(),
    secretPath: Type.String(),
    secrets: Type.Array(Type.Object({ secretKey: Type.String() })),
  }),
  outputSchema: Type.Object({ deleted: Type.Array(SecretOutput) }),
  handler: async () => ({ deleted: [] }),
}) as unknown as InfisicalTool;

describe('describeCallTarget', () => {
  it('reads standard argument names', () => {
    const target = describeCallTarget(tool('update-secret'), {
      projectId: 'p1',
      environmentSlug: 'prod',
      secretName: 'OLD',
      newSecretName: 'NEW',
      secretPath: '/app',
    });
    expect(target).toMatchObject({
      projectId: 'p1',
      environments: ['prod'],
      path: '/app',
      secretKeys: ['OLD', 'NEW'],
      name: 'OLD',
    });
    expect(target.summary).toBe(
      'Update secret: secrets "OLD", "NEW" in environment "prod" at path "/app" of project "p1"',
    );
  });

  it('covers tools it has never heard of, batch items included', () => {
    const target = describeCallTarget(deleteSecretsBatch, {
      projectId: 'p1',
      environment: 'dev',
      secretPath: '/',
      secrets: [{ secretKey: 'A' }, { secretKey: 'B' }],
    });
    expect(target).toMatchObject({ environments: ['dev'], secretKeys: ['A', 'B'], name: 'A, B' });
  });

  it('names the environment or project when nothing smaller is named', () => {
    expect(
      describeCallTarget(tool('create-environment'), { projectId: 'p', name: 'QA', slug: 'qa' }),
    ).toMatchObject({ environments: ['qa'], name: 'QA' });
    expect(describeCallTarget(tool('get-project'), { projectId: 'p9' }).name).toBe('p9');
  });

  it('lets a tool describe its own target', () => {
    const own = {
      ...tool('delete-secret'),
      describeTarget: () => ({ name: 'custom', summary: 'X' }),
    };
    expect(
      describeCallTarget(own, { projectId: 'p', environmentSlug: 'dev', secretName: 'A' }),
    ).toMatchObject({ name: 'custom', summary: 'X', secretKeys: ['A'] });
  });
});

describe('ProtectedEnvironments', () => {
  const protectedEnvs = new ProtectedEnvironments(['prod', 'staging-*']);
  const target = (environments: string[], projectId = 'p') => ({
    projectId,
    environments,
    secretKeys: [],
    summary: '',
  });

  it('refuses writes into protected slugs (wildcards, any case) and never reads', () => {
    expect(protectedEnvs.refusal(tool('create-secret'), target(['PROD']))).toMatch(
      /"PROD" is protected/,
    );
    expect(protectedEnvs.refusal(tool('create-secret'), target(['staging-eu']))).toMatch(
      /protected/,
    );
    expect(protectedEnvs.refusal(tool('create-secret'), target(['staging']))).toBeUndefined();
    expect(protectedEnvs.refusal(tool('list-secrets'), target(['prod']))).toBeUndefined();
  });

  it('refuses a destructive call on a whole project, not a creation', () => {
    const deleteProject = { ...tool('delete-secret'), name: 'delete-project' };
    expect(protectedEnvs.refusal(deleteProject, target([]))).toMatch(/every environment/);
    expect(protectedEnvs.refusal(tool('invite-members-to-project'), target([]))).toBeUndefined();
    expect(new ProtectedEnvironments([]).refusal(deleteProject, target([]))).toBeUndefined();
  });

  it('is one shared instance per list of slugs, which a caller changing its list does not alter', () => {
    const slugs = ['prod', 'staging-*'];
    const shared = ProtectedEnvironments.of(slugs);
    expect(ProtectedEnvironments.of(['prod', 'staging-*'])).toBe(shared);
    expect(ProtectedEnvironments.of(['prod'])).not.toBe(shared);
    slugs.push('dev');
    expect(shared.includes('dev')).toBe(false);
    expect(shared.includes('STAGING-eu')).toBe(true);
  });
});

describe('secret value policy', () => {
  const masker = new SecretValueMasker('a-fixed-test-key-0123');
  const output = {
    secrets: [
      { secretKey: 'A', secretValue: 'same', version: 1 },
      { secretKey: 'B', secretValue: 'same', version: 1 },
      { secretKey: 'C', secretValue: 'other-value', version: 1 },
    ],
  };
  const schema = Type.Object({ secrets: Type.Array(SecretOutput) });

  it('masks with length and a fingerprint that matches for equal values only', () => {
    const masked = applyValuePolicy(schema, output, 'mask', masker);
    const [a, b, c] = masked.secrets.map((secret) => secret.secretValue);
    expect(a).toMatch(/^<masked length=4 fingerprint=[0-9a-f]{12}>$/);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(c).toContain('length=11');
    expect(JSON.stringify(masked)).not.toContain('other-value');
    expect(output.secrets[0]?.secretValue).toBe('same');
  });

  it('fingerprints depend on the key: a random key per process by default', () => {
    expect(new SecretValueMasker('a-fixed-test-key-0123').fingerprint('x')).toBe(
      masker.fingerprint('x'),
    );
    expect(new SecretValueMasker().fingerprint('x')).not.toBe(masker.fingerprint('x'));
  });

  it('deny drops the values and nothing else', () => {
    const denied = applyValuePolicy(schema, output, 'deny', masker);
    expect(denied.secrets[0]).toEqual({ secretKey: 'A', version: 1 });
    expect(applyValuePolicy(schema, output, 'reveal', masker)).toBe(output);
  });

  it('follows the schema marker under any field name, and the secretValue name without it', () => {
    const marked = Type.Object({
      env: Type.Record(Type.String(), Type.String(), { secretValue: true }),
    });
    expect(applyValuePolicy(marked, { env: { A: 'x1' } }, 'deny', masker)).toEqual({ env: {} });
    expect(
      applyValuePolicy(Type.Object({}), { nested: { secretValue: 'v' } }, 'deny', masker),
    ).toEqual({
      nested: {},
    });
    expect(carriesSecretValues(marked)).toBe(true);
    expect(carriesSecretValues(tool('get-secret').outputSchema)).toBe(true);
    expect(carriesSecretValues(tool('list-projects').outputSchema)).toBe(false);
  });

  it('advertises marked fields as optional, without the marker', () => {
    const advertised = advertisedSecretSchema(JSON.parse(JSON.stringify(SecretOutput)));
    expect(advertised.required).not.toContain('secretValue');
    expect(advertised.required).toContain('secretKey');
    expect(JSON.stringify(advertised)).not.toContain('"secretValue":true');
  });

  it('narrows, never widens', () => {
    expect(narrowerValuePolicy('reveal', 'mask')).toBe('mask');
    expect(narrowerValuePolicy('deny', 'reveal')).toBe('deny');
    expect(narrowerValuePolicy('mask', undefined)).toBe('mask');
  });
});

describe('safety arguments', () => {
  it('adds dryRun to writes, confirm to destructive tools, includeValues to value readers', () => {
    expect(addedSafetyArguments(tool('get-secret'), 'always').advertised).toEqual([
      'includeValues',
    ]);
    expect(addedSafetyArguments(tool('create-project'), 'always').advertised).toEqual(['dryRun']);
    expect(addedSafetyArguments(tool('delete-secret'), 'always').advertised).toEqual([
      'dryRun',
      'confirm',
    ]);
    expect(addedSafetyArguments(tool('delete-secret'), 'auto')).toEqual({
      accepted: ['dryRun', 'confirm'],
      advertised: ['dryRun'],
    });
    expect(addedSafetyArguments(tool('update-secret'), 'off').advertised).toEqual([
      'dryRun',
      'includeValues',
    ]);
  });

  it('splits them off and checks their types', () => {
    const split = splitSafetyArguments({ a: 1, dryRun: true, confirm: 'X' }, ['dryRun', 'confirm']);
    expect(split).toEqual({ ok: true, safety: { dryRun: true, confirm: 'X' }, rest: { a: 1 } });
    expect(splitSafetyArguments({ dryRun: 'yes' }, ['dryRun'])).toMatchObject({ ok: false });
    // Not accepted for this tool: left for the tool's own validation to reject.
    expect(splitSafetyArguments({ dryRun: true }, [])).toMatchObject({ rest: { dryRun: true } });
  });

  it('the dry-run output keeps the tool fields required when there is no report', () => {
    const schema = withDryRunOutput({
      type: 'object',
      properties: { secret: {} },
      required: ['secret'],
    });
    expect(schema).toMatchObject({
      type: 'object',
      anyOf: [{ required: ['secret'] }, { required: ['dryRun'] }],
    });
    expect(schema.required).toBeUndefined();
  });
});

describe('confirmDestructiveCall', () => {
  const target = {
    environments: ['dev'],
    secretKeys: ['A'],
    name: 'A',
    summary: 'Delete secret: "A"',
  };
  const base = { toolName: 'delete-secret', target, confirmArgument: undefined };

  it('asks through elicitation when it can, whatever the mode but off', async () => {
    let asked = '';
    const elicit = async (message: string) => {
      asked = message;
      return 'decline' as const;
    };
    expect(await confirmDestructiveCall({ ...base, mode: 'auto', elicit })).toMatchObject({
      confirmed: false,
      outcome: 'declined',
    });
    expect(asked).toContain('"A"');
    expect(
      await confirmDestructiveCall({ ...base, mode: 'auto', elicit: async () => 'accept' }),
    ).toEqual({
      confirmed: true,
      how: 'elicitation',
    });
    expect(await confirmDestructiveCall({ ...base, mode: 'off', elicit })).toMatchObject({
      confirmed: true,
    });
    expect(
      await confirmDestructiveCall({
        ...base,
        mode: 'auto',
        elicit: () => Promise.reject(new Error('x')),
      }),
    ).toMatchObject({ confirmed: false });
  });

  it('without elicitation: auto lets it run, always needs the exact name', async () => {
    expect(await confirmDestructiveCall({ ...base, mode: 'auto' })).toMatchObject({
      confirmed: true,
    });
    const refused = await confirmDestructiveCall({ ...base, mode: 'always' });
    expect(refused).toMatchObject({ confirmed: false, outcome: 'refused' });
    expect(refused.confirmed ? '' : refused.message).toContain('"confirm": "A"');
    expect(
      await confirmDestructiveCall({ ...base, mode: 'always', confirmArgument: true }),
    ).toMatchObject({
      confirmed: false,
    });
    expect(await confirmDestructiveCall({ ...base, mode: 'always', confirmArgument: 'A' })).toEqual(
      {
        confirmed: true,
        how: 'argument',
      },
    );
  });
});

describe('readSafetySettings', () => {
  const read = (flags: Record<string, string | boolean>, env: Record<string, string> = {}) =>
    readSafetySettings(optionReader(SAFETY_OPTIONS as OptionSpec[], flags, env), env);

  it('defaults: reveal, no protection, confirm auto, log audit', () => {
    expect(read({})).toEqual({
      enabledTools: undefined,
      excludedTools: undefined,
      secretValues: 'reveal',
      fingerprintKey: undefined,
      protectedEnvironments: [],
      allowProtectedWrites: false,
      confirmDestructive: 'auto',
      auditLog: undefined,
    });
  });

  it('flags win over variables; the official mask variable means at least mask', () => {
    const settings = read(
      { 'protect-env': 'prod, staging', 'no-confirm': true, tools: 'get-secret' },
      {
        INFISICAL_PROTECTED_ENVIRONMENTS: 'dev',
        INFISICAL_MASK_SECRET_VALUES: 'true',
        INFISICAL_CONFIRM_DESTRUCTIVE: 'always',
        INFISICAL_EXCLUDED_TOOLS: 'delete-secret',
      },
    );
    expect(settings).toMatchObject({
      protectedEnvironments: ['prod', 'staging'],
      secretValues: 'mask',
      confirmDestructive: 'off',
      enabledTools: ['get-secret'],
      excludedTools: ['delete-secret'],
    });
    expect(
      read({ 'secret-values': 'deny' }, { INFISICAL_MASK_SECRET_VALUES: 'true' }).secretValues,
    ).toBe('deny');
    expect(read({}, { INFISICAL_CONFIRM_DESTRUCTIVE: 'false' }).confirmDestructive).toBe('off');
  });

  it('names the option in errors', () => {
    expect(() => read({ 'secret-values': 'hide' })).toThrow(
      /--secret-values must be one of reveal, mask, deny/,
    );
    expect(() => read({}, { INFISICAL_EXCLUDED_TOOLS: 'rm-rf' })).toThrow(
      /^INFISICAL_EXCLUDED_TOOLS: Unknown tool name: rm-rf/,
    );
    expect(() => read({}, { INFISICAL_FINGERPRINT_KEY: 'short' })).toThrow(/at least 16/);
    expect(() => read({ 'protect-env': ' , ' })).toThrow(/lists no environment slugs/);
  });
});

describe('filterTools with a deny-list', () => {
  it('removes excluded tools after every other filter and rejects unknown names', () => {
    const secretTools = allTools.filter((t) => t.toolset === 'secrets').map((t) => t.name);
    const names = filterTools(allTools, {
      toolsets: ['secrets'],
      excludedTools: ['delete-secret', 'list-projects'],
    }).map((t) => t.name);
    expect(secretTools).toContain('delete-secret');
    expect(names).toEqual(secretTools.filter((name) => name !== 'delete-secret'));
    expect(() => filterTools(allTools, { excludedTools: ['nope'] })).toThrow(/Unknown tool name/);
  });
});
