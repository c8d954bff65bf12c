// A project's enforced upper-case secret names, as backend/src/services/secret/secret-service.ts
// checks them before writing.
import { describe, expect, it } from 'vitest';
import { expectedError, startTestSandbox } from './helpers.js';

const SECRETS = '/api/v4/secrets';

describe("a project that enforces upper-case secret names (Infisical's enforceCapitalization)", () => {
  it('refuses other names on create, rename and batch create, with the 400 Infisical words', async () => {
    const { client, projectId } = await startTestSandbox();
    const turnedOn = await client.patch(`/api/v1/projects/${projectId}`, {
      autoCapitalization: true,
    });
    expect(turnedOn.body.project).toMatchObject({ autoCapitalization: true });
    expect(turnedOn.body.project).not.toHaveProperty('enforceCapitalization');
    const scope = { projectId, environment: 'dev', secretValue: 'v' };
    const created = await client.post(`${SECRETS}/lower_case`, scope);
    expect(created.body).toEqual(
      expectedError(
        400,
        'BadRequest',
        'Secret name must be in UPPERCASE per project requirements. You can disable this requirement in project settings.',
      ),
    );
    const renamed = await client.patch(`${SECRETS}/API_KEY`, { ...scope, newSecretName: 'Api' });
    expect(renamed.status).toBe(400);
    const batch = await client.post(`${SECRETS}/batch`, {
      projectId,
      environment: 'dev',
      secrets: [
        { secretKey: 'OK_NAME', secretValue: 'v' },
        { secretKey: 'bad', secretValue: 'v' },
      ],
    });
    expect(batch.body.message).toBe(
      'Secret names must be in UPPERCASE per project requirements: bad. You can disable this requirement in project settings',
    );
    expect((await client.post(`${SECRETS}/UPPER_OK`, scope)).status).toBe(200);
    // Turned off, the same name is accepted.
    await client.patch(`/api/v1/projects/${projectId}`, { autoCapitalization: false });
    expect((await client.post(`${SECRETS}/lower_case`, scope)).status).toBe(200);
  });
});
