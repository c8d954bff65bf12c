import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ComposeService, interpolatedVariables, readCompose } from './support/compose.js';
import { imageConfigOf, parseDockerfile, traceToBuildContext } from './support/dockerfile.js';
import {
  COMPOSE_PATH,
  DOCKER_DIRECTORY,
  DOCKERFILE_PATH,
  environmentVariablesInHelp,
  REPO_ROOT,
  type WorkspaceBin,
  workspaceBin,
} from './support/workspace.js';

const stages = parseDockerfile(readFileSync(DOCKERFILE_PATH, 'utf8'));
const runtime = stages.at(-1);
const services = readCompose(COMPOSE_PATH);
/** The services every `up` starts: the two the seed README promises. */
const seedServices = services.filter((composeService) => composeService.profiles.length === 0);
/** The services that run our image (Redis and the proxy of the scale-out profile do not). */
const ourServices = services.filter((composeService) => composeService.image === 'infisical-mcp');
const isHttpService = (name: string) => name.startsWith('infisical-mcp-http');

let httpBin: WorkspaceBin;
let stdioBin: WorkspaceBin;
let httpVariables: Set<string>;
let stdioVariables: Set<string>;

beforeAll(() => {
  httpBin = workspaceBin('@infisical/mcp-http');
  stdioBin = workspaceBin('@infisical/mcp');
  httpVariables = environmentVariablesInHelp(httpBin);
  stdioVariables = environmentVariablesInHelp(stdioBin);
});

function service(name: string): ComposeService {
  const found = services.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no service ${name} in ${COMPOSE_PATH}`);
  return found;
}

/** The command a service runs: its own, or the image's CMD. */
function commandOf(composeService: ComposeService): string[] {
  const command = composeService.command ?? (runtime ? imageConfigOf(runtime).cmd : undefined);
  if (!command) throw new Error(`${composeService.name} runs no command`);
  return command;
}

/** The repository file an image path comes from, through the Dockerfile's COPY steps. */
function sourceOfImagePath(imagePath: string): string | undefined {
  return runtime && traceToBuildContext(stages, runtime.name, imagePath, existsInRepository);
}

/** The bins are built (turbo builds dependencies before tests), so dist/ files exist here too. */
function existsInRepository(repoPath: string): boolean {
  return existsSync(join(REPO_ROOT, repoPath));
}

describe('docker/docker-compose.yml', () => {
  it('has exactly the two services the seed README promises outside profiles', () => {
    expect(seedServices.map((composeService) => composeService.name).sort()).toEqual([
      'infisical-mcp-http',
      'infisical-mcp-stdio',
    ]);
  });

  it('builds every service of ours from docker/Dockerfile with the repository as context', () => {
    expect(ourServices.length).toBeGreaterThanOrEqual(2);
    for (const composeService of ourServices) {
      const context = resolve(DOCKER_DIRECTORY, composeService.build?.context ?? '.');
      expect(context, composeService.name).toBe(resolve(REPO_ROOT));
      expect(join(context, composeService.build?.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE_PATH);
      // The same tag, so the seed's `docker run … infisical-mcp` runs what compose built.
      expect(composeService.image, composeService.name).toBe('infisical-mcp');
    }
  });

  it('publishes 3333 (HTTP) and 3334 (WebSocket) of the HTTP service, the ports the image listens on', () => {
    const { ports, environment } = service('infisical-mcp-http');
    expect(ports.map(({ hostPort, containerPort }) => [hostPort, containerPort])).toEqual([
      [3333, 3333],
      [3334, 3334],
    ]);
    const image = runtime ? imageConfigOf(runtime) : undefined;
    expect(image?.exposedPorts).toEqual([3333, 3334]);
    expect([image?.env.INFISICAL_MCP_PORT, image?.env.INFISICAL_MCP_WS_PORT]).toEqual([
      '3333',
      '3334',
    ]);
    // Overriding these in compose would move the server away from the published ports.
    const names = environment.map((entry) => entry.name);
    for (const fixed of ['INFISICAL_MCP_HOST', 'INFISICAL_MCP_PORT', 'INFISICAL_MCP_WS_PORT']) {
      expect(names).not.toContain(fixed);
    }
  });

  it('passes only environment variables the server it runs accepts (from its --help)', () => {
    expect(httpVariables).toContain('INFISICAL_MCP_ALLOWED_HOSTS');
    expect(stdioVariables).toContain('INFISICAL_UNIVERSAL_AUTH_CLIENT_ID');
    for (const composeService of ourServices) {
      const accepted = isHttpService(composeService.name) ? httpVariables : stdioVariables;
      const unknown = composeService.environment
        .map((entry) => entry.name)
        .filter((name) => !accepted.has(name));
      expect(unknown, `${composeService.name} sets variables its server ignores`).toEqual([]);
    }
  });

  it("passes every variable of docker/README.md's Environment table to the servers it names", () => {
    const rows = [
      ...readFileSync(join(DOCKER_DIRECTORY, 'README.md'), 'utf8').matchAll(
        /^\| `([A-Z_]+)` +\| (both|HTTP|stdio) +\|/gm,
      ),
    ].map(([, name, servers]) => ({ name: name as string, servers: servers as string }));
    expect(rows.map((row) => row.name)).toContain('INFISICAL_PROTECTED_ENVIRONMENTS');
    // And names only variables those servers read (their --help lists each one).
    const unknown = rows.filter(
      ({ name, servers }) =>
        (servers !== 'stdio' && !httpVariables.has(name)) ||
        (servers !== 'HTTP' && !stdioVariables.has(name)),
    );
    expect(unknown).toEqual([]);
    // The README says compose keeps these at the image's values, for its port mappings.
    const fixedByImage = ['INFISICAL_MCP_HOST', 'INFISICAL_MCP_PORT', 'INFISICAL_MCP_WS_PORT'];
    const missing: string[] = [];
    // The scale-out replicas leave out the sandbox and TLS, as the README says.
    for (const composeService of seedServices) {
      const passed = new Set(composeService.environment.map((entry) => entry.name));
      const kind = isHttpService(composeService.name) ? 'HTTP' : 'stdio';
      for (const { name, servers } of rows) {
        if (servers !== 'both' && servers !== kind) continue;
        if (fixedByImage.includes(name) || passed.has(name)) continue;
        missing.push(`${composeService.name}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes each setting from the host variable of the same name', () => {
    for (const composeService of services) {
      for (const { name, value } of composeService.environment) {
        if (value === undefined) continue;
        expect(interpolatedVariables(value), `${composeService.name} ${name}`).toEqual([name]);
      }
    }
  });

  it('passes the seed README credentials and host URL to every server, with the cloud as default host', () => {
    for (const composeService of ourServices) {
      const entries = new Map(composeService.environment.map((entry) => [entry.name, entry.value]));
      expect(entries.has('INFISICAL_UNIVERSAL_AUTH_CLIENT_ID')).toBe(true);
      expect(entries.has('INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET')).toBe(true);
      expect(entries.get('INFISICAL_HOST_URL')).toBe(
        '${INFISICAL_HOST_URL:-https://app.infisical.com}',
      );
    }
  });

  it('runs the HTTP server in the HTTP service and the stdio server in the stdio service', () => {
    for (const composeService of ourServices) {
      const [executable, script, ...rest] = commandOf(composeService);
      expect(executable, composeService.name).toBe('node');
      expect(rest, composeService.name).toEqual([]);
      // The script is in the image because a COPY puts there what the build produced.
      const bin = isHttpService(composeService.name) ? httpBin : stdioBin;
      expect(sourceOfImagePath(script ?? ''), `${composeService.name}: ${script}`).toBe(
        bin.repoPath,
      );
    }
  });

  it('keeps stdin open without a TTY for the stdio service, and skips the HTTP health check there', () => {
    const stdio = service('infisical-mcp-stdio');
    expect(stdio.stdinOpen).toBe(true);
    expect(stdio.tty).toBe(false);
    expect(stdio.healthcheckDisabled).toBe(true);
    expect(stdio.ports).toEqual([]);
  });
});

describe('image paths in docker/', () => {
  it('every /app/… path in the README, the Dockerfile and the compose file exists in the image', () => {
    for (const file of ['README.md', 'Dockerfile', 'docker-compose.yml']) {
      const text = readFileSync(join(DOCKER_DIRECTORY, file), 'utf8');
      const paths = new Set(text.match(/\/app\/[\w./-]*\w/g) ?? []);
      expect(paths.size, file).toBeGreaterThan(0);
      for (const imagePath of paths) {
        expect(
          sourceOfImagePath(imagePath),
          `${file}: ${imagePath} is not in the image`,
        ).toBeDefined();
      }
    }
  });
});

describe('docker/docker-compose.yml, profile scale-out', () => {
  const scaleOut = services.filter((composeService) =>
    composeService.profiles.includes('scale-out'),
  );
  const replicas = scaleOut.filter((composeService) => isHttpService(composeService.name));
  const proxy = service('infisical-mcp-proxy');

  it('adds Redis, two HTTP replicas and a proxy, all behind the profile', () => {
    expect(scaleOut.map((composeService) => composeService.name).sort()).toEqual([
      'infisical-mcp-http-1',
      'infisical-mcp-http-2',
      'infisical-mcp-proxy',
      'redis',
    ]);
    for (const composeService of scaleOut) expect(composeService.profiles).toEqual(['scale-out']);
  });

  it('points both replicas at the Redis service through a setting the server accepts', () => {
    expect(httpVariables).toContain('REDIS_URL');
    expect(httpVariables).toContain('INFISICAL_MCP_REDIS_TOKEN_KEY');
    for (const replica of replicas) {
      const entries = new Map(replica.environment.map((entry) => [entry.name, entry.value]));
      expect(entries.get('REDIS_URL'), replica.name).toBe('${REDIS_URL:-redis://redis:6379}');
      expect(replica.dependsOn, replica.name).toEqual(['redis']);
      expect(entries.get('INFISICAL_MCP_BEHIND_PROXY'), replica.name).toMatch(/:-true\}$/);
      expect(entries.get('INFISICAL_MCP_ALLOWED_HOSTS'), replica.name).toContain(
        'infisical-mcp-proxy',
      );
      // Only the proxy is published: a client reaching one replica directly would work, but
      // would miss the point of the profile.
      expect(replica.ports, replica.name).toEqual([]);
    }
    // The Redis host in the default URL is the Redis service.
    expect(new URL('redis://redis:6379').hostname).toBe(service('redis').name);
  });

  it('spreads requests over both replicas without stickiness and streams answers unbuffered', () => {
    expect(proxy.dependsOn.sort()).toEqual(['infisical-mcp-http-1', 'infisical-mcp-http-2']);
    expect(proxy.ports).toEqual([{ hostIp: '127.0.0.1', hostPort: 3335, containerPort: 8080 }]);
    const [source, target] = (proxy.volumes[0] ?? '').split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const config = readFileSync(resolve(DOCKER_DIRECTORY, source ?? ''), 'utf8');
    const upstreams = [...config.matchAll(/^\s*server\s+([\w-]+):(\d+);/gm)].map(
      (match) => `${match[1]}:${match[2]}`,
    );
    expect(upstreams).toEqual(['infisical-mcp-http-1:3333', 'infisical-mcp-http-2:3333']);
    expect(config).toMatch(/listen 8080;/);
    expect(config).toMatch(/proxy_buffering off;/);
    expect(config).not.toMatch(/ip_hash|hash \$|sticky/);
  });
});
