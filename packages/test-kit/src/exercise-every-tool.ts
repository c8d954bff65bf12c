// The calls the redaction scans and the tool-exercise runs make: every tool of core's catalogue.
import { randomBytes } from 'node:crypto';
import { allTools } from '@infisical/mcp-core';
import type { Needles } from './needles.js';
import type { SandboxAdminClient } from './sandbox-admin-client.js';

export interface ToolOutcome {
  step: string;
  tool: string;
  /** A tool result with isError, or a protocol error. */
  failed: boolean;
  /** The whole answer as the client saw it (result or error), as JSON. */
  text: string;
}

export type CallTool = (
  name: string,
  args: Record<string, unknown>,
) => Promise<Omit<ToolOutcome, 'step'>>;

/** A {@link CallTool} over an SDK client: protocol errors become failed outcomes. */
export function sdkCaller(client: {
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
}): CallTool {
  return async (name, args) => {
    try {
      const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean };
      return { tool: name, failed: result.isError === true, text: JSON.stringify(result) };
    } catch (error) {
      return {
        tool: name,
        failed: true,
        text: JSON.stringify({ error: (error as Error).message }),
      };
    }
  };
}

/** The structuredContent of a successful outcome, for steps that need an id from an earlier one. */
// biome-ignore lint/suspicious/noExplicitAny: a tool's structured result, read for the ids later steps take.
function structuredOf(outcome: ToolOutcome): any {
  if (outcome.failed) return undefined;
  type Result = { structuredContent?: Record<string, unknown> };
  // An SDK caller records the result itself; a raw JSON-RPC caller records the whole response.
  const parsed = JSON.parse(outcome.text) as Result & { result?: Result };
  return parsed.structuredContent ?? parsed.result?.structuredContent;
}

/**
 * Calls every tool, successfully and not: Infisical refusals (conflicts, 404s), injected
 * faults (500, 403, 429, a rejected token, a dropped connection, expired tokens), invalid
 * arguments carrying secret values, and an unknown tool. Secret values are fresh needles.
 * `label` keeps names unique between runs against one sandbox.
 */
export async function exerciseEveryTool(
  call: CallTool,
  context: { admin: SandboxAdminClient; projectId: string; label: string; needles: Needles },
): Promise<Map<string, ToolOutcome>> {
  const { admin, projectId, needles } = context;
  const tag = context.label.toLowerCase().replace(/[^a-z0-9]/g, '');
  const name = `LEAK_${tag.toUpperCase()}`;
  const dev = { projectId, environmentSlug: 'dev' };
  const folder = { ...dev, secretPath: `/f-${tag}` };
  const outcomes = new Map<string, ToolOutcome>();
  const run = async (step: string, tool: string, args: Record<string, unknown>) => {
    const outcome = { step, ...(await call(tool, args)) };
    outcomes.set(step, outcome);
    return outcome;
  };
  const withFault = async (
    fault: Record<string, unknown>,
    step: string,
    tool: string,
    args: Record<string, unknown>,
  ) => {
    await admin.setFaults(fault);
    try {
      return await run(step, tool, args);
    } finally {
      await admin.clearFaults();
    }
  };

  // Every tool, succeeding.
  await run('list-projects', 'list-projects', {});
  await run('create-project', 'create-project', {
    projectName: `Leak scan ${tag}`,
    type: 'secret-manager',
  });
  await run('create-environment', 'create-environment', {
    projectId,
    name: `QA ${tag}`,
    slug: `qa-${tag}`,
  });
  await run('create-folder', 'create-folder', { ...dev, name: `f-${tag}` });
  await run('get-project', 'get-project', { projectId });
  await run('list-environments', 'list-environments', { projectId });
  await run('list-folders', 'list-folders', { ...dev, recursive: true });
  await run('create-secret', 'create-secret', {
    ...folder,
    secretName: name,
    secretValue: needles.value(),
  });
  await run('get-secret', 'get-secret', { ...folder, secretName: name });
  await run('update-secret', 'update-secret', {
    ...folder,
    secretName: name,
    secretValue: needles.value(),
  });
  await run('list-secrets', 'list-secrets', { ...folder, includeValues: true });
  await run('list-seeded', 'list-secrets', {
    ...dev,
    includeValues: true,
    expandSecretReferences: true,
    recursive: true,
  });
  await run('create-tag', 'create-tag', { projectId, slug: `leak-${tag}` });
  await run('list-tags', 'list-tags', { projectId });
  const batch = [`${name}_BATCH_A`, `${name}_BATCH_B`];
  await run('create-secrets', 'create-secrets', {
    ...folder,
    secrets: batch.map((secretName) => ({
      secretName,
      secretValue: needles.value(),
      tagSlugs: [`leak-${tag}`],
    })),
  });
  await run('update-secrets', 'update-secrets', {
    ...folder,
    secrets: batch.map((secretName) => ({ secretName, secretValue: needles.value() })),
  });
  await run('compare-environments', 'compare-environments', {
    projectId,
    environmentSlugs: ['dev', 'staging'],
    includeValues: true,
  });
  await run('search-secrets', 'search-secrets', {
    projectId,
    query: 'SEEDED',
    includeValues: true,
  });
  await run('delete-secrets', 'delete-secrets', { ...folder, secretNames: batch });
  await run('delete-tag', 'delete-tag', { projectId, tagSlug: `leak-${tag}` });
  await run('get-reference', 'get-secret', { ...dev, secretName: 'SEEDED_REF' });
  await run('get-deep', 'get-secret', {
    ...dev,
    secretPath: '/backend',
    secretName: 'SEEDED_DEEP',
  });
  const invited = await run('invite-members', 'invite-members-to-project', {
    projectId,
    emails: [`${tag}@example.com`],
  });
  const [invitedMembership] = (structuredOf(invited)?.memberships ?? []) as { id: string }[];
  await run('list-project-members', 'list-project-members', { projectId });
  await run('list-project-identities', 'list-project-identities', { projectId });
  await run('update-project-membership', 'update-project-membership', {
    projectId,
    membershipId: invitedMembership?.id,
    roles: ['viewer'],
  });
  await run('remove-project-member', 'remove-project-member', {
    projectId,
    membershipId: invitedMembership?.id,
  });
  const dynamic = { ...dev, secretPath: '/' };
  await run('list-dynamic-secrets', 'list-dynamic-secrets', dynamic);
  await run('get-dynamic-secret', 'get-dynamic-secret', {
    ...dynamic,
    dynamicSecretName: 'demo-postgres',
  });
  const leased = await run('create-lease', 'create-dynamic-secret-lease', {
    ...dynamic,
    dynamicSecretName: 'demo-postgres',
  });
  const leaseId = (structuredOf(leased)?.lease as { id?: string } | undefined)?.id;
  await run('renew-lease', 'renew-dynamic-secret-lease', { ...dynamic, leaseId, ttl: '2h' });
  await run('revoke-lease', 'revoke-dynamic-secret-lease', { ...dynamic, leaseId });
  const keys = await run('list-kms-keys', 'list-kms-keys', { projectId });
  const [key] = (structuredOf(keys)?.keys ?? []) as { id: string }[];
  const sealed = await run('kms-encrypt', 'kms-encrypt', {
    keyId: key?.id,
    plaintext: needles.value(),
  });
  await run('kms-decrypt', 'kms-decrypt', {
    keyId: key?.id,
    ciphertext: structuredOf(sealed)?.ciphertext,
  });
  await run('create-shared-secret', 'create-shared-secret', { secretValue: needles.value() });

  // Changing and removing structure: projects, environments, folders, imports, snapshots.
  const created = await run('create-project-to-delete', 'create-project', {
    projectName: `Leak scan doomed ${tag}`,
    type: 'secret-manager',
  });
  const doomedId = structuredOf(created)?.project?.id;
  await run('update-project', 'update-project', { projectId: doomedId, name: `Doomed ${tag}` });
  await run('delete-project', 'delete-project', { projectId: doomedId });
  const environments = structuredOf(
    await run('list-environments-for-ids', 'list-environments', { projectId }),
  )?.environments;
  const qaId = environments?.find((env: { slug: string }) => env.slug === `qa-${tag}`)?.id;
  await run('update-environment', 'update-environment', {
    projectId,
    environmentId: qaId,
    name: `QA renamed ${tag}`,
  });
  await run('create-folder-to-change', 'create-folder', { ...dev, name: `g-${tag}` });
  await run('update-folder', 'update-folder', { ...dev, folderId: `g-${tag}`, name: `h-${tag}` });
  await run('delete-folder', 'delete-folder', { ...dev, folderId: `h-${tag}` });
  const secretImport = structuredOf(
    await run('create-secret-import', 'create-secret-import', {
      ...folder,
      importEnvironmentSlug: 'staging',
    }),
  )?.secretImport;
  await run('list-secret-imports', 'list-secret-imports', folder);
  await run('delete-secret-import', 'delete-secret-import', {
    ...folder,
    secretImportId: secretImport?.id,
  });
  const snapshots = structuredOf(
    await run('list-snapshots', 'list-snapshots', { ...dev, limit: 5 }),
  )?.snapshots;
  await run('get-snapshot', 'get-snapshot', {
    snapshotId: snapshots?.[0]?.id,
    includeValues: true,
  });

  // Infisical refuses.
  await run('create-existing', 'create-secret', {
    ...folder,
    secretName: name,
    secretValue: needles.value(),
  });
  await run('get-missing', 'get-secret', { ...dev, secretName: `MISSING_${tag.toUpperCase()}` });
  await run('create-environment-again', 'create-environment', {
    projectId,
    name: 'Again',
    slug: `qa-${tag}`,
  });
  await run('create-in-unknown-project', 'create-secret', {
    projectId: '00000000-0000-4000-8000-000000000000',
    environmentSlug: 'dev',
    secretName: name,
    secretValue: needles.value(),
  });

  // Infisical fails (injected faults).
  await withFault(
    { failNext: { status: 500, route: 'POST /api/v4/secrets/:secretName' } },
    'fault-500',
    'create-secret',
    {
      ...folder,
      secretName: `${name}_B`,
      secretValue: needles.value(),
    },
  );
  await withFault(
    { failNext: { status: 403, route: 'PATCH /api/v4/secrets/:secretName' } },
    'fault-403',
    'update-secret',
    {
      ...folder,
      secretName: name,
      secretValue: needles.value(),
    },
  );
  await withFault(
    { failNext: { status: 429, retryAfterSeconds: 7, route: 'GET /api/v4/secrets/:secretName' } },
    'fault-429',
    'get-secret',
    {
      ...folder,
      secretName: name,
    },
  );
  await withFault(
    { failNext: { status: 401, route: 'GET /api/v4/secrets' } },
    'fault-401',
    'list-secrets',
    { ...folder, includeValues: true },
  );
  await withFault(
    { dropNext: { route: 'PATCH /api/v4/secrets/:secretName' } },
    'fault-drop',
    'update-secret',
    {
      ...folder,
      secretName: name,
      secretValue: needles.value(),
    },
  );

  // Refused before Infisical: invalid arguments that carry values, an unknown tool.
  await run('value-of-wrong-type', 'create-secret', {
    ...folder,
    secretName: `${name}_C`,
    secretValue: { nested: needles.value() },
  });
  await run('unknown-argument', 'update-secret', {
    ...folder,
    secretName: name,
    secretValue: needles.value(),
    password: needles.value(),
  });
  await run('invite-nobody', 'invite-members-to-project', { projectId });
  await run('share-too-briefly', 'create-shared-secret', {
    secretValue: needles.value(),
    expiresIn: '1m',
  });
  await run('encrypt-with-unknown-key', 'kms-encrypt', {
    keyId: '00000000-0000-4000-8000-000000000000',
    plaintext: needles.value(),
  });
  // A model may put anything in the name, a value included: it must not become a label.
  const toolName = needles.add('tool name', `sv${randomBytes(12).toString('hex')}`);
  await run('unknown-tool', toolName, { secretValue: needles.value() });

  await run('delete-secret', 'delete-secret', { ...folder, secretName: name });
  await run('delete-missing', 'delete-secret', { ...folder, secretName: name });
  await run('delete-environment', 'delete-environment', { projectId, environmentId: qaId });

  // Last: a fixed access token stays expired, so nothing after this would succeed with one.
  await admin.expireTokens();
  await run('after-expiry', 'get-secret', { ...dev, secretName: 'SEEDED_TOKEN' });
  return outcomes;
}

/**
 * Steps whose outcome is not what the exercise meant to test (a fault that did not fire, a call
 * that should have worked). A fixed access token cannot be renewed, so `fault-401` and
 * `after-expiry` fail with one.
 */
export function unexpectedOutcomes(
  outcomes: Map<string, ToolOutcome>,
  { renewableToken }: { renewableToken: boolean },
): string[] {
  const renewal = ['fault-401', 'after-expiry'];
  const succeed = [
    'list-projects',
    'create-project',
    'create-environment',
    'create-folder',
    'get-project',
    'list-environments',
    'list-folders',
    'create-secret',
    'get-secret',
    'update-secret',
    'list-secrets',
    'list-seeded',
    'create-tag',
    'list-tags',
    'create-secrets',
    'update-secrets',
    'compare-environments',
    'search-secrets',
    'delete-secrets',
    'delete-tag',
    'get-reference',
    'get-deep',
    'invite-members',
    'list-project-members',
    'list-project-identities',
    'update-project-membership',
    'remove-project-member',
    'list-dynamic-secrets',
    'get-dynamic-secret',
    'create-lease',
    'renew-lease',
    'revoke-lease',
    'list-kms-keys',
    'kms-encrypt',
    'kms-decrypt',
    'create-shared-secret',
    'delete-secret',
    'create-project-to-delete',
    'update-project',
    'delete-project',
    'list-environments-for-ids',
    'update-environment',
    'create-folder-to-change',
    'update-folder',
    'delete-folder',
    'create-secret-import',
    'list-secret-imports',
    'delete-secret-import',
    'list-snapshots',
    'get-snapshot',
    'delete-environment',
    ...(renewableToken ? renewal : []),
  ];
  const fail = [
    'create-existing',
    'get-missing',
    'create-environment-again',
    'create-in-unknown-project',
    'fault-500',
    'fault-403',
    'fault-429',
    'fault-drop',
    'value-of-wrong-type',
    'unknown-argument',
    'invite-nobody',
    'share-too-briefly',
    'encrypt-with-unknown-key',
    'unknown-tool',
    'delete-missing',
    ...(renewableToken ? [] : renewal),
  ];
  const wrong: string[] = [];
  for (const [step, outcome] of outcomes) {
    const expectedToFail = fail.includes(step);
    if (!expectedToFail && !succeed.includes(step)) wrong.push(`${step}: not classified`);
    else if (outcome.failed !== expectedToFail) {
      wrong.push(
        `${step}: ${outcome.failed ? 'failed' : 'succeeded'}: ${outcome.text.slice(0, 300)}`,
      );
    }
  }
  return wrong;
}

/**
 * Tools of core's catalogue ({@link allTools}) that no step of the exercise called: a new tool
 * must be added to {@link exerciseEveryTool}, or the scans would not cover what it logs.
 */
export function toolsNotExercised(outcomes: Map<string, ToolOutcome>): string[] {
  const called = new Set([...outcomes.values()].map((outcome) => outcome.tool));
  return allTools.map((tool) => tool.name).filter((name) => !called.has(name));
}
