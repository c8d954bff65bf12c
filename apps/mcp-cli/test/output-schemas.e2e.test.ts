import { hintsWithDefaults } from '@infisical/mcp-core';
import { startSandbox } from '@infisical/mcp-sandbox';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer } from './support/spawn-stdio-server.js';

/**
 * The advertised output schemas are trimmed for size (dry-run report as a plain object, shapes
 * shared through `$defs`, hints left at MCP's defaults): every answer must still validate. The
 * SDK client checks `structuredContent` against the schema of every tool it has listed and
 * throws when it does not match; each answer is also checked here with the same validator, and
 * a broken copy of it must fail, so a schema that accepts anything would not pass either.
 */

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
// biome-ignore lint/suspicious/noExplicitAny: structured results are read field by field.
type Json = any;

/** Well formed, and issued to nothing: a dry run sends nothing to Infisical. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let sandbox: Sandbox;
let server: SpawnedServer;
let projectId: string;
let listed: Map<string, Tool>;
/** Of the demo project's staging environment and its dev folder /backend. */
let environmentId: string;
let folderId: string;
const validator = new AjvJsonSchemaValidator();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  projectId = sandbox.demo.projectId;
  server = await spawnStdioServer(sandboxCredentials(sandbox));
  // Listing makes the SDK client validate every later call's structured content.
  const { tools } = await server.client.listTools();
  listed = new Map(tools.map((tool) => [tool.name, tool]));
  const environments = sandbox.state.requireProject(projectId).environments;
  const staging = environments.find((environment) => environment.slug === 'staging');
  const backend = environments
    .find((environment) => environment.slug === 'dev')
    ?.folders.get('/backend');
  if (!staging || !backend) throw new Error('the demo project lacks staging or dev /backend');
  environmentId = staging.id;
  folderId = backend.id;
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

function validates(name: string, structured: unknown): boolean {
  const schema = listed.get(name)?.outputSchema;
  if (!schema) throw new Error(`${name} has no output schema`);
  return validator.getValidator(schema)(structured).valid;
}

/** Calls through the SDK client (which validates), then checks the answer and a broken copy. */
async function callAndCheck(name: string, args: Record<string, unknown>): Promise<Json> {
  const result = await server.call(name, args);
  expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
  const structured = result.structuredContent as Json;
  expect(validates(name, structured), name).toBe(true);
  const required = Object.keys(structured).find((key) =>
    (listed.get(name)?.outputSchema?.required ?? []).includes(key),
  );
  const broken = structured.dryRun
    ? { dryRun: 'not an object' }
    : required
      ? Object.fromEntries(Object.entries(structured).filter(([key]) => key !== required))
      : { ...structured, [Object.keys(structured)[0] ?? 'x']: 12 };
  expect(validates(name, broken), `${name} accepts ${JSON.stringify(broken)}`).toBe(false);
  return structured;
}

const dev = () => ({ projectId, environmentSlug: 'dev' });

/** Arguments for a dry run of each tool that changes something. */
const DRY_RUN_ARGUMENTS: Record<string, () => Record<string, unknown>> = {
  'create-secret': () => ({ ...dev(), secretName: 'DRY_NEW', secretValue: 'v' }),
  'delete-secret': () => ({ ...dev(), secretName: 'API_KEY' }),
  'update-secret': () => ({ ...dev(), secretName: 'API_KEY', secretValue: 'v2' }),
  'create-secrets': () => ({ ...dev(), secrets: [{ secretName: 'DRY_A', secretValue: 'a' }] }),
  'update-secrets': () => ({ ...dev(), secrets: [{ secretName: 'API_KEY', secretValue: 'b' }] }),
  'delete-secrets': () => ({ ...dev(), secretNames: ['API_KEY', 'LOG_LEVEL'] }),
  'create-project': () => ({ projectName: 'Dry Project', type: 'secret-manager' }),
  'update-project': () => ({ projectId, description: 'dry' }),
  'delete-project': () => ({ projectId }),
  'create-environment': () => ({ projectId, name: 'QA', slug: 'qa' }),
  'update-environment': () => ({ projectId, environmentId, name: 'Renamed' }),
  'delete-environment': () => ({ projectId, environmentId }),
  'create-folder': () => ({ projectId, environment: 'dev', name: 'dry' }),
  'update-folder': () => ({ projectId, environment: 'dev', folderId, name: 'x' }),
  'delete-folder': () => ({ projectId, environment: 'dev', folderId }),
  'invite-members-to-project': () => ({ projectId, emails: ['dry@example.com'] }),
  'update-project-membership': () => ({ projectId, identityId: UNKNOWN_ID, roles: ['viewer'] }),
  'remove-project-member': () => ({ projectId, identityId: UNKNOWN_ID }),
  'create-tag': () => ({ projectId, slug: 'dry-tag' }),
  'delete-tag': () => ({ projectId, tagSlug: 'dry-tag' }),
  'create-secret-import': () => ({ ...dev(), importEnvironmentSlug: 'staging' }),
  'delete-secret-import': () => ({ ...dev(), secretImportId: UNKNOWN_ID }),
  'create-dynamic-secret-lease': () => ({ ...dev(), dynamicSecretName: 'demo-postgres' }),
  'renew-dynamic-secret-lease': () => ({ ...dev(), leaseId: UNKNOWN_ID }),
  'revoke-dynamic-secret-lease': () => ({ ...dev(), leaseId: UNKNOWN_ID }),
  'create-shared-secret': () => ({ secretValue: 'shared-value' }),
};

describe('output schemas as advertised', () => {
  it('a dry run of every tool that changes something answers what its schema allows', async () => {
    const changing = [...listed.values()].filter(
      (tool) => !hintsWithDefaults(tool.annotations).readOnlyHint,
    );
    expect(changing.map((tool) => tool.name).sort()).toEqual(Object.keys(DRY_RUN_ARGUMENTS).sort());
    for (const tool of changing) {
      const arguments_ = DRY_RUN_ARGUMENTS[tool.name]?.() ?? {};
      const structured = await callAndCheck(tool.name, { ...arguments_, dryRun: true });
      expect(structured.dryRun, tool.name).toMatchObject({ tool: tool.name });
    }
  });

  it('every read answers what its schema describes, shared shapes included', async () => {
    // An import, so list-secrets answers secrets in both places its schema shares one shape.
    await callAndCheck('create-secret-import', { ...dev(), importEnvironmentSlug: 'staging' });
    const withImports = await callAndCheck('list-secrets', { ...dev(), includeValues: true });
    expect(withImports.imports[0]?.secrets.length).toBeGreaterThan(0);
    expect(listed.get('list-secrets')?.outputSchema).toHaveProperty('$defs');

    await callAndCheck('list-projects', {});
    await callAndCheck('get-project', { projectId });
    await callAndCheck('list-environments', { projectId });
    await callAndCheck('list-folders', { projectId, environment: 'dev' });
    await callAndCheck('get-secret', { ...dev(), secretName: 'DATABASE_URL' });
    await callAndCheck('search-secrets', { projectId, query: 'DATABASE' });
    await callAndCheck('compare-environments', { projectId, environmentSlugs: ['dev', 'staging'] });
    await callAndCheck('list-tags', { projectId });
    await callAndCheck('list-secret-imports', dev());
    await callAndCheck('list-project-members', { projectId });
    await callAndCheck('list-project-identities', { projectId });
    await callAndCheck('list-dynamic-secrets', dev());
    await callAndCheck('get-dynamic-secret', { ...dev(), dynamicSecretName: 'demo-postgres' });
    const { keys } = await callAndCheck('list-kms-keys', { projectId });
    const { ciphertext } = await callAndCheck('kms-encrypt', {
      keyId: keys[0].id,
      plaintext: 'hello',
    });
    await callAndCheck('kms-decrypt', { keyId: keys[0].id, ciphertext });
    const { snapshots } = await callAndCheck('list-snapshots', dev());
    expect(snapshots.length).toBeGreaterThan(0);
    await callAndCheck('get-snapshot', { snapshotId: snapshots[0].id });
  });

  it('a change answers its own fields, the roles it set included', async () => {
    const identityId = sandbox.state.createIdentity({ name: 'schema-check' }).id;
    sandbox.state.addIdentityMember(sandbox.state.requireProject(projectId), identityId, [
      'viewer',
    ]);
    const changed = await callAndCheck('update-project-membership', {
      projectId,
      identityId,
      roles: ['member'],
    });
    expect(changed.roles).toEqual(['member']);
    await callAndCheck('create-secret', { ...dev(), secretName: 'SCHEMA_CHECK', secretValue: 'x' });
  });
});
