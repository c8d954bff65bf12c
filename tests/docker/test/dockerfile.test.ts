import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isIgnored, parseDockerignore } from './support/build-context.js';
import {
  imageConfigOf,
  parseDockerfile,
  splitWords,
  traceToBuildContext,
} from './support/dockerfile.js';
import {
  DOCKERFILE_PATH,
  DOCKERIGNORE_PATH,
  environmentVariablesInHelp,
  REPO_ROOT,
  workspaceBin,
} from './support/workspace.js';

const stages = parseDockerfile(readFileSync(DOCKERFILE_PATH, 'utf8'));
const [buildStage] = stages;
const runtimeStage = stages.at(-1);
const runtime = runtimeStage ? imageConfigOf(runtimeStage) : undefined;

describe('docker/Dockerfile', () => {
  it('builds on a Debian Node image and runs on a small one', () => {
    expect(stages).toHaveLength(2);
    expect(buildStage?.baseImage).toMatch(/^node:(20|22)-(bookworm-)?slim$/);
    expect(runtimeStage?.baseImage).toMatch(/^(node:(20|22)-alpine|gcr\.io\/distroless\/nodejs)/);
  });

  it('runs the HTTP server by default, as the bin @infisical/mcp-http publishes', () => {
    const [executable, script, ...rest] = runtime?.cmd ?? [];
    expect(executable).toBe('node');
    expect(rest).toEqual([]);
    const built = (repoPath: string) => existsSync(join(REPO_ROOT, repoPath));
    expect(traceToBuildContext(stages, runtimeStage?.name ?? '', script ?? '', built)).toBe(
      workspaceBin('@infisical/mcp-http').repoPath,
    );
  });

  it('binds to all interfaces with what the server then requires: allowed hosts and client auth', () => {
    expect(runtime?.env.INFISICAL_MCP_HOST).toBe('0.0.0.0');
    expect(runtime?.env.INFISICAL_MCP_ALLOWED_HOSTS?.split(',')).toEqual([
      'localhost',
      '127.0.0.1',
    ]);
    expect(runtime?.env.INFISICAL_MCP_AUTH).toBe('api-key');
  });

  it('sets only variables the HTTP server accepts', () => {
    const accepted = environmentVariablesInHelp(workspaceBin('@infisical/mcp-http'));
    const unknown = Object.keys(runtime?.env ?? {}).filter((name) => !accepted.has(name));
    expect(unknown).toEqual([]);
  });

  it('exposes the HTTP and WebSocket ports and runs as an unprivileged user', () => {
    expect(runtime?.exposedPorts).toEqual([3333, 3334]);
    expect(runtime?.user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(runtime?.user);
  });

  it('checks health on /health of the configured port', () => {
    expect(runtime?.healthcheck?.command.join(' ')).toMatch(
      /127\.0\.0\.1:\$\{process\.env\.INFISICAL_MCP_PORT \|\| 3333\}\/health/,
    );
    expect(runtime?.healthcheck?.options.timeout).toBeDefined();
  });

  it('installs from the lockfile and builds only the two servers', () => {
    const runs = (buildStage?.instructions ?? [])
      .filter((instruction) => instruction.keyword === 'RUN')
      .map((instruction) => instruction.arguments);
    expect(runs.some((run) => /pnpm@12\.21\.0 install --frozen-lockfile/.test(run))).toBe(true);
    const build = runs.find((run) => /turbo run build/.test(run));
    expect(build).toContain('--filter=@infisical/mcp ');
    expect(build).toMatch(/--filter=@infisical\/mcp-http$/);
  });
});

describe('docker/Dockerfile.dockerignore', () => {
  const rules = parseDockerignore(readFileSync(DOCKERIGNORE_PATH, 'utf8'));

  it("keeps the host's build output and dependencies out of the context", () => {
    for (const path of [
      'node_modules/.pnpm/x/index.js',
      'apps/mcp-http/node_modules/ws/index.js',
      'apps/mcp-http/dist/main.js',
      'packages/core/.turbo/turbo-build.log',
      '.git/HEAD',
    ]) {
      expect(isIgnored(rules, path), path).toBe(true);
    }
  });

  it('keeps what the build needs', () => {
    for (const path of [
      'pnpm-lock.yaml',
      'pnpm-workspace.yaml',
      'package.json',
      'turbo.json',
      'tsconfig.base.json',
      'apps/mcp-http/src/main.ts',
      'packages/core/package.json',
    ]) {
      expect(isIgnored(rules, path), path).toBe(false);
    }
  });
});

describe('the replay tooling', () => {
  it('reads continuations, comments, flags and both command forms', () => {
    const [stage] = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM node:20-alpine AS runtime',
        'ENV A=1 \\',
        '    # a comment inside a continuation',
        '    B="two words"',
        'COPY --from=build /src/dist/ /app/',
        'HEALTHCHECK --timeout=5s CMD ["node", "-e", "1"]',
        'CMD node /app/main.js',
      ].join('\n'),
    );
    const config = stage ? imageConfigOf(stage) : undefined;
    expect(config?.env).toEqual({ A: '1', B: 'two words' });
    expect(config?.healthcheck).toEqual({
      options: { timeout: '5s' },
      command: ['node', '-e', '1'],
    });
    expect(config?.cmd).toEqual(['/bin/sh', '-c', 'node /app/main.js']);
  });

  it('refuses what it cannot replay', () => {
    expect(() => parseDockerfile('FROM node:20\nADD https://example.com/x /x')).toThrow(/ADD/);
    expect(() => parseDockerfile('FROM node:20\nRUN --mount=type=cache,target=/x true')).toThrow(
      /--mount/,
    );
    expect(() => parseDockerfile('FROM node:20\nCOPY --chown=node . .')).toThrow(/--chown/);
  });

  it('follows an image path back through COPY steps to the build context', () => {
    const multiStage = parseDockerfile(
      [
        'FROM node:20 AS build',
        'WORKDIR /src',
        'COPY package.json ./',
        'COPY . .',
        'FROM node:20-alpine',
        'COPY --from=build /src/apps/x/package.json /app/x/package.json',
        'COPY --from=build /src/apps/x/dist/ /app/x/',
      ].join('\n'),
    );
    const tree = new Set(['package.json', 'apps/x/package.json', 'apps/x/dist/main.js']);
    const inTree = (repoPath: string) => tree.has(repoPath);
    const trace = (stage: string, imagePath: string) =>
      traceToBuildContext(multiStage, stage, imagePath, inTree);
    expect(trace('1', '/app/x/main.js')).toBe('apps/x/dist/main.js');
    // The dist/ COPY comes later but brings no package.json: the earlier COPY's file stays.
    expect(trace('1', '/app/x/package.json')).toBe('apps/x/package.json');
    expect(trace('build', '/src/package.json')).toBe('package.json');
    expect(trace('1', '/app/y/main.js')).toBeUndefined();
  });

  it('splits shell words with quotes and escapes', () => {
    expect(splitWords(`a="b c" 'd e' f\\ g`)).toEqual(['a=b c', 'd e', 'f g']);
  });
});
