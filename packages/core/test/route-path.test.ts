import { describe, expect, it } from 'vitest';
import { InfisicalApiError } from '../src/infisical/infisical-api-error.js';
import { InfisicalHttp } from '../src/infisical/infisical-http.js';
import type { HttpSend } from '../src/infisical/node-http-send.js';
import { fillRoutePath, RouteParameterError } from '../src/infisical/route-path.js';

const ROUTE = '/api/v1/projects/:projectId/tags/:tagId';

describe('fillRoutePath', () => {
  it('fills each parameter with exactly one encoded segment', () => {
    expect(fillRoutePath(ROUTE, { projectId: 'p1', tagId: 'a b%2e' })).toBe(
      '/api/v1/projects/p1/tags/a%20b%252e',
    );
    expect(fillRoutePath('/api/v1/projects')).toBe('/api/v1/projects');
  });

  const hostile = ['', '.', '..', 'a/b', '../x', 'a\\b', '\\', 'a\u0000', 'x\n', ' x', 'x\t'];
  it.each(hostile)('refuses %j, naming the parameter and not the value', (value) => {
    let error: unknown;
    try {
      fillRoutePath(ROUTE, { projectId: 'p1', tagId: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RouteParameterError);
    expect((error as Error).message).toContain('parameter "tagId"');
    if (value.trim()) expect((error as Error).message).not.toContain(value);
  });

  it('refuses a missing parameter and one the route does not have', () => {
    expect(() => fillRoutePath(ROUTE, { projectId: 'p1' })).toThrow(/"tagId" is missing/);
    expect(() => fillRoutePath(ROUTE, { projectId: 'p1', tagId: 't', extra: 'x' })).toThrow(
      /"extra" is not in the route/,
    );
  });
});

describe('InfisicalHttp route parameters', () => {
  it('never sends a request whose parameter would leave its segment', async () => {
    const sent: string[] = [];
    const send: HttpSend = async (url) => {
      sent.push(url);
      return new Response('{}', { status: 200 });
    };
    const http = new InfisicalHttp({ baseUrl: 'http://127.0.0.1:9/base/', fetch: send });
    for (const tagId of ['..', '%2e%2e', 'a/b']) {
      const request = http.send({
        method: 'DELETE',
        path: ROUTE,
        params: { projectId: 'p', tagId },
      });
      if (tagId === '%2e%2e') {
        await request;
        continue;
      }
      const error = await request.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InfisicalApiError);
      expect(error).toMatchObject({ kind: 'refused', status: 0, path: ROUTE });
    }
    // The encoded dots travel as data inside their own segment, under the base path.
    expect(sent).toEqual(['http://127.0.0.1:9/base/api/v1/projects/p/tags/%252e%252e']);
  });
});
