import { describe, expect, it } from 'vitest';
import { buildSandboxApp } from '../src/index.js';

describe('buildSandboxApp', () => {
  it('serves requests through inject() without listening', async () => {
    const { app, demo } = buildSandboxApp();
    expect(app.server.listening).toBe(false);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/universal-auth/login',
      payload: { clientId: demo.clientId, clientSecret: demo.clientSecret },
    });
    expect(login.statusCode).toBe(200);
    const projects = await app.inject({
      method: 'GET',
      url: '/api/v1/projects',
      headers: { authorization: `Bearer ${login.json().accessToken}` },
    });
    expect(projects.json().projects).toHaveLength(1);
    await app.close();
  });

  it('seeds a demo project with references and a folder by default', () => {
    const { state, demo } = buildSandboxApp();
    expect(demo).toMatchObject({
      projectSlug: 'demo-project',
      environments: ['dev', 'staging', 'prod'],
    });
    const project = state.requireProject(demo.projectId);
    expect(project.name).toBe('Demo Project');
    expect(state.findFolder(project, 'dev', '/')?.secrets.get('DB_DSN')?.value).toBe(
      '${DATABASE_URL}',
    );
    expect(state.findFolder(project, 'dev', '/backend')?.secrets.size).toBe(1);
    expect(buildSandboxApp().demo.clientSecret).not.toBe(demo.clientSecret);
  });

  it('starts empty with seedDemo: false', () => {
    const { state, demo } = buildSandboxApp({ seedDemo: false });
    expect(demo).toBeUndefined();
    expect(state.listProjects()).toEqual([]);
  });

  it('rejects nonsensical options', () => {
    expect(() => buildSandboxApp({ accessTokenTTL: 0 })).toThrow(RangeError);
    expect(() => buildSandboxApp({ latencyMs: -5 })).toThrow(RangeError);
  });
});
