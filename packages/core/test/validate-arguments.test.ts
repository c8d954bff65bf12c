import { describe, expect, it } from 'vitest';
import { createEnvironmentTool } from '../src/tools/environments/create-environment.js';
import { listProjectsTool } from '../src/tools/projects/list-projects.js';
import { createSecretTool } from '../src/tools/secrets/create-secret.js';
import { validateArguments } from '../src/tools/validate-arguments.js';

const P = '3f1c0d1e-8a2b-4c5d-9e6f-0a1b2c3d4e5f';

describe('validateArguments', () => {
  it('fills stated defaults', () => {
    const result = validateArguments(createSecretTool, {
      projectId: P,
      environmentSlug: 'dev',
      secretName: 'A',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        projectId: P,
        environmentSlug: 'dev',
        secretName: 'A',
        secretValue: '',
        secretPath: '/',
      },
    });
  });

  it('names each missing required argument', () => {
    const result = validateArguments(createSecretTool, { projectId: P });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('environmentSlug is required');
    expect(result.message).toContain('secretName is required');
  });

  it('reports wrong types', () => {
    const result = validateArguments(createSecretTool, {
      projectId: P,
      environmentSlug: 'dev',
      secretName: 42,
    });
    expect(result).toEqual({
      ok: false,
      message: 'Invalid arguments for create-secret: secretName expected string.',
    });
  });

  it('rejects unknown arguments instead of dropping them', () => {
    const result = validateArguments(createSecretTool, {
      projectId: P,
      environmentSlug: 'dev',
      secretName: 'A',
      secretvalue: 'typo',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Unknown argument "secretvalue"\. create-secret accepts: /);
  });

  it('maps documented aliases and refuses conflicting ones', () => {
    const mapped = validateArguments(createEnvironmentTool, {
      projectId: P,
      environmentName: 'QA',
      environmentSlug: 'qa',
    });
    expect(mapped).toEqual({ ok: true, value: { projectId: P, name: 'QA', slug: 'qa' } });
    const conflicting = validateArguments(createEnvironmentTool, {
      projectId: P,
      name: 'QA',
      environmentName: 'Other',
      slug: 'qa',
    });
    expect(conflicting.ok).toBe(false);
  });

  it('lists the allowed values of an enum', () => {
    const result = validateArguments(listProjectsTool, { type: 'nope' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('type must be one of: secret-manager, cert-manager');
  });

  it('rejects arguments that are not an object', () => {
    expect(validateArguments(listProjectsTool, [1, 2])).toEqual({
      ok: false,
      message: 'Arguments must be a JSON object.',
    });
  });
});
