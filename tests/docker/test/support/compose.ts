import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeEnvironmentEntry {
  name: string;
  /** Undefined: passed through from the shell that runs compose, unset when unset there. */
  value?: string;
}

export interface PublishedPort {
  hostIp?: string;
  hostPort: number;
  containerPort: number;
}

export interface ComposeService {
  name: string;
  build?: { context?: string; dockerfile?: string };
  image?: string;
  command?: string[];
  ports: PublishedPort[];
  environment: ComposeEnvironmentEntry[];
  stdinOpen: boolean;
  tty: boolean;
  healthcheckDisabled: boolean;
  /** Empty: started by every `up`; otherwise only with one of these `--profile`s. */
  profiles: string[];
  /** Services started first (both the list and the mapping form). */
  dependsOn: string[];
  /** Bind mounts as written, e.g. `./file:/in/container:ro`. */
  volumes: string[];
}

/** The parts of docker/docker-compose.yml the tests check, read as Compose reads them. */
export function readCompose(path: string): ComposeService[] {
  const document: unknown = parse(readFileSync(path, 'utf8'));
  const services = objectAt(document, 'services', path);
  return Object.entries(services).map(([name, raw]) => {
    const service = objectAt({ [name]: raw }, name, path);
    const build = service.build;
    return {
      name,
      build:
        typeof build === 'string'
          ? { context: build }
          : (build as ComposeService['build'] | undefined),
      image: service.image as string | undefined,
      command: commandOf(service.command),
      ports: ((service.ports as unknown[] | undefined) ?? []).map((port) =>
        parsePort(String(port)),
      ),
      environment: environmentOf(service.environment),
      stdinOpen: service.stdin_open === true,
      tty: service.tty === true,
      healthcheckDisabled:
        (service.healthcheck as { disable?: boolean } | undefined)?.disable === true,
      profiles: ((service.profiles as unknown[] | undefined) ?? []).map(String),
      dependsOn: Array.isArray(service.depends_on)
        ? service.depends_on.map(String)
        : Object.keys((service.depends_on as Record<string, unknown> | undefined) ?? {}),
      volumes: ((service.volumes as unknown[] | undefined) ?? []).map(String),
    };
  });
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}` and `$NAME` references in a value. */
export function interpolatedVariables(value: string): string[] {
  return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
}

function objectAt(parent: unknown, key: string, path: string): Record<string, unknown> {
  const value = (parent as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${path}: ${key} should be a mapping`);
  }
  return value as Record<string, unknown>;
}

function commandOf(command: unknown): string[] | undefined {
  if (command === undefined) return undefined;
  if (Array.isArray(command)) return command.map(String);
  // The string form is split on whitespace by Compose (no shell), which suffices here.
  return String(command).split(/\s+/).filter(Boolean);
}

function parsePort(spec: string): PublishedPort {
  const match = /^(?:(.+):)?(\d+):(\d+)(?:\/tcp)?$/.exec(spec);
  if (!match) throw new Error(`unsupported port mapping: ${spec}`);
  return {
    hostIp: match[1],
    hostPort: Number.parseInt(match[2] ?? '', 10),
    containerPort: Number.parseInt(match[3] ?? '', 10),
  };
}

function environmentOf(environment: unknown): ComposeEnvironmentEntry[] {
  if (environment === undefined) return [];
  if (Array.isArray(environment)) {
    return environment.map((entry) => {
      const text = String(entry);
      const separator = text.indexOf('=');
      return separator < 0
        ? { name: text }
        : { name: text.slice(0, separator), value: text.slice(separator + 1) };
    });
  }
  return Object.entries(environment as Record<string, unknown>).map(([name, value]) =>
    value === null || value === undefined ? { name } : { name, value: String(value) },
  );
}
