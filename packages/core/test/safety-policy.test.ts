import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import {
  type CallTarget,
  lacksTargetDeclaration,
  resolveCallTarget,
} from '../src/safety/call-target.js';
import { confirmDestructiveCall } from '../src/safety/confirm-destructive.js';
import { withDryRunOutput } from '../src/safety/dry-run.js';
import { defaultPolicy, narrowPolicy } from '../src/safety/policy.js';
import { ProtectedEnvironments } from '../src/safety/protected-environments.js';
import { addedSafetyArguments, splitSafetyArguments } from '../src/safety/safety-arguments.js';
import { narrowerValuePolicy, SecretValueMasker } from '../src/safety/secret-value-policy.js';
import {
  advertisedSecretSchema,
  applyValuePolicy,
  carriesSecretValues,
} from '../src/safety/secret-value-schema.js';
import { createInfisicalMcpServer } from '../src/server/create-infisical-mcp-server.js';
import { filterTools } from '../src/server/select-tools.js';
import { allTools } from '../src/tools/all-tools.js';
import { CHANGES_OR_REMOVES } from '../src/tools/annotations.js';
import { defineTool, type InfisicalTool } from '../src/tools/infisical-tool.js';
import { SecretOutput } from '../src/tools/secrets/secret-output.js';

const tool = (name: string) =>
  allTools.find((candidate) => candidate.name === name) as InfisicalTool;

const P = '3f1c0d1e-8a2b-4c5d-9e6f-0a1b2c3d4e5f';
const noLookup = async () => {
  throw new Error('no Infisical read expected');
};

/** A custom tool whose argument names follow no convention: only its declaration counts. */
const purgeBatch = defineTool({
  name: 'purge-batch',
  title: 'Purge batch',
  description: 'Deletes several secrets.',
  toolset: 'secrets',
  annotations: CHANGES_OR_REMOVES,
  target: {
    reach: 'environments',
    project: 'space',
    environments: ['stage'],
    paths: ['dir'],
    secretNames: [{ each: 'items', field: 'key' }],
  },
  inputSchema: Type.Object({
    space: Type.String(),
    stage: Type.String(),
    dir: Type.String(),
    items: Type.Array(Type.Object({ key: Type.String() })),
  }),
  outputSchema: Type.Object({ deleted: Type.Array(SecretOutput) }),
  handler: async () => ({ deleted: [] }),
}) as unknown as InfisicalTool;

describe('resolveCallTarget', () => {
  it("reads what the tool declares, a rename's new name included", async () => {
    const target = await resolveCallTarget(
      tool('update-secret'),
      {
        projectId: P,
        environmentSlug: 'prod',
        secretName: 'OLD',
        newSecretName: 'NEW',
        secretPath: '/app',
      },
      noLookup,
    );
    expect(target).toMatchObject({
      projectId: P,
      environments: ['prod'],
      path: '/app',
      secretKeys: ['OLD', 'NEW'],
      name: 'OLD',
    });
    expect(target.summary).toBe(
      `Update secret: secrets "OLD", "NEW" in environment "prod" at path "/app" of project "${P}"`,
    );
  });

  it('covers a tool with its own argument names, batch items included', async () => {
    const target = await resolveCallTarget(
      purgeBatch,
      { space: P, stage: 'Dev ', dir: '/', items: [{ key: 'A' }, { key: 'B' }] },
      noLookup,
    );
    expect(target).toMatchObject({
      projectId: P,
      environments: ['dev'],
      secretKeys: ['A', 'B'],
      name: 'A, B',
    });
  });

  it('names the environment or project when nothing smaller is named', async () => {
    expect(
      await resolveCallTarget(
        tool('create-environment'),
        { projectId: P, name: 'QA', slug: 'qa' },
        noLookup,
      ),
    ).toMatchObject({ environments: ['qa'], name: 'qa' });
    expect((await resolveCallTarget(tool('delete-project'), { projectId: P }, noLookup)).name).toBe(
      P,
    );
  });

  it('resolves an environment ID to its current slug, and names it, never the new slug', async () => {
    const lookups: string[] = [];
    const target = await resolveCallTarget(
      tool('update-environment'),
      { projectId: P, environmentId: 'e1', slug: 'not-prod' },
      async (projectId, environmentId) => {
        lookups.push(`${projectId}/${environmentId}`);
        return 'prod';
      },
    );
    expect(lookups).toEqual([`${P}/e1`]);
    expect(target).toMatchObject({
      environments: ['prod'],
      newEnvironment: 'not-prod',
      name: 'prod',
    });
    expect(target.summary).toContain('in environment "prod" with the new slug "not-prod"');
  });

  it('refuses to serve a catalogue with a mutating tool that declares no target', () => {
    const undeclared = { ...tool('delete-secret'), name: 'wipe', target: undefined };
    expect(() =>
      createInfisicalMcpServer({
        infisical: {
          hostUrl: 'http://127.0.0.1:9',
          auth: { method: 'access-token', accessToken: 't' },
        },
        tools: [undeclared],
        policy: defaultPolicy(),
      }),
    ).toThrow(/wipe may change data but declares no target/);
    expect(allTools.filter(lacksTargetDeclaration)).toEqual([]);
  });
});

describe('ProtectedEnvironments', () => {
  const protectedEnvs = new ProtectedEnvironments(['prod', 'staging-*']);
  const target = (
    environments: string[],
    reach: CallTarget['reach'] = 'environments',
  ): CallTarget => ({ reach, projectId: P, environments, secretKeys: [], summary: '' });

  it('refuses writes into protected slugs (wildcards, any case, padded) and never reads', () => {
    expect(protectedEnvs.refusal(tool('create-secret'), target(['PROD']))).toMatch(
      /"PROD" is protected/,
    );
    for (const padded of [' prod', 'prod ', '\tprod', '\u00a0prod', 'pro\u200bd', '\uff50rod']) {
      expect(protectedEnvs.refusal(tool('create-secret'), target([padded]))).toMatch(/protected/);
    }
    expect(protectedEnvs.refusal(tool('create-secret'), target(['staging-eu']))).toMatch(
      /protected/,
    );
    expect(protectedEnvs.refusal(tool('create-secret'), target(['staging']))).toBeUndefined();
    expect(protectedEnvs.refusal(tool('list-secrets'), target(['prod']))).toBeUndefined();
  });

  it('refuses a call that reaches a whole project, or a rename to or from a protected slug', () => {
    expect(protectedEnvs.refusal(tool('delete-project'), target([], 'project'))).toMatch(
      /every environment/,
    );
    expect(protectedEnvs.refusal(tool('delete-tag'), target([], 'project'))).toMatch(
      /every environment/,
    );
    expect(
      protectedEnvs.refusal(tool('create-tag'), target([], 'outside-environments')),
    ).toBeUndefined();
    const rename = (from: string, to: string) => ({ ...target([from]), newEnvironment: to });
    expect(protectedEnvs.refusal(tool('update-environment'), rename('prod', 'x'))).toMatch(
      /"prod" is protected/,
    );
    expect(protectedEnvs.refusal(tool('update-environment'), rename('dev', 'prod'))).toMatch(
      /"prod" is protected/,
    );
    expect(protectedEnvs.refusal(tool('update-environment'), target(['dev']))).toBeUndefined();
    expect(
      new ProtectedEnvironments([]).refusal(tool('delete-project'), target([], 'project')),
    ).toBeUndefined();
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
    reach: 'environments' as const,
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

describe('narrowPolicy', () => {
  it('narrows tools, values and environments; the key decides writes and confirmations', () => {
    const server = defaultPolicy({
      enabledTools: ['get-secret', 'list-secrets', 'delete-secret'],
      excludedTools: ['delete-secret'],
      secretValues: 'mask',
      protectedEnvironments: ['prod'],
      confirmDestructive: 'always',
    });
    const client = narrowPolicy(server, {
      readOnly: true,
      toolsets: ['secrets'],
      tools: ['get-secret', 'create-secret'],
      excludeTools: ['list-secrets'],
      secretValues: 'reveal',
      protectedEnvironments: ['staging'],
      allowProtectedWrites: true,
      confirmDestructive: 'off',
    });
    expect(client).toMatchObject({
      readOnly: true,
      clientToolsets: ['secrets'],
      enabledTools: ['get-secret'],
      excludedTools: ['delete-secret', 'list-secrets'],
      secretValues: 'mask',
      protectedEnvironments: ['prod', 'staging'],
      allowProtectedWrites: true,
      confirmDestructive: 'off',
    });
    expect(client.valueMasker).toBe(server.valueMasker);
    expect(narrowPolicy(server, undefined)).toBe(server);
    expect(narrowPolicy(defaultPolicy({ readOnly: true }), { readOnly: false }).readOnly).toBe(
      true,
    );
  });
});
