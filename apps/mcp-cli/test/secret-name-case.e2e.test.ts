// A project that accepts only upper-case secret names, end to end: the built stdio bin, the SDK
// client, and the sandbox refusing other names as Infisical's secret service does.
import { startSandbox } from '@infisical/mcp-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCredentials } from './support/sandbox-credentials.js';
import { type SpawnedServer, spawnStdioServer, textOf } from './support/spawn-stdio-server.js';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let server: SpawnedServer;
let projectId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  projectId = sandbox.state.createProject({
    name: 'Upper case only',
    enforceCapitalization: true,
    adminIdentityId: sandbox.demo.identityId,
  }).id;
  server = await spawnStdioServer(sandboxCredentials(sandbox));
});

afterAll(async () => {
  await server?.close();
  await sandbox?.close();
});

describe('enforced upper-case secret names', () => {
  it('create-secret explains the refusal', async () => {
    const refused = await server.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'lower_name',
      secretValue: 'v',
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('400: Secret name must be in UPPERCASE');
    expect(textOf(refused)).toContain('This project accepts only upper-case secret names');
    const folder = sandbox.state.findFolder(sandbox.state.requireProject(projectId), 'dev', '/');
    expect(folder?.secrets.size).toBe(0);

    const accepted = await server.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'UPPER_NAME',
      secretValue: 'v',
    });
    expect(accepted.isError, textOf(accepted)).toBeFalsy();
  });

  it('update-secret refuses a lower-case new name', async () => {
    await server.call('create-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'TO_RENAME',
      secretValue: 'v',
    });
    const renamed = await server.call('update-secret', {
      projectId,
      environmentSlug: 'dev',
      secretName: 'TO_RENAME',
      newSecretName: 'renamed',
    });
    expect(renamed.isError).toBe(true);
    expect(textOf(renamed)).toContain('This project accepts only upper-case secret names');
  });
});
