/** Where Redis is and how the keys of this deployment are named. */
export interface RedisSettings {
  /**
   * `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS) for one node;
   * `redis+sentinel://[:password@]host:26379,host2:26379/<master name>[/db]` for Sentinel;
   * `redis+cluster://[:password@]host:6379,host2:6379` for Redis Cluster.
   */
  url: string;
  /** Prepended to every key and channel, so deployments can share a Redis. Default `infisical-mcp:`. */
  keyPrefix?: string;
  /**
   * Server-to-client events kept per session for `Last-Event-ID` resumption, all its streams
   * together (approximately: whole stream nodes are trimmed). Default 100.
   */
  eventsPerSession?: number;
  /**
   * 32 bytes: events kept for resumption and messages relayed between replicas are sealed
   * with AES-256-GCM under this key (the same on every replica). They hold tool results,
   * revealed secret values among them, so one of this and `plaintextEvents` is required.
   */
  eventsKey?: Buffer;
  /** Keep events in Redis in clear instead: only for a Redis nobody else can read. */
  plaintextEvents?: boolean;
}

export const DEFAULT_REDIS_KEY_PREFIX = 'infisical-mcp:';
export const DEFAULT_REDIS_EVENTS_PER_SESSION = 100;

export type RedisTopology =
  | { kind: 'node'; url: string }
  | {
      kind: 'sentinel' | 'cluster';
      tls: boolean;
      hosts: { host: string; port: number }[];
      username?: string;
      password?: string;
      /** Sentinel: the master's name. */
      name?: string;
      db?: number;
    };

const MULTI_HOST_URL = /^(rediss?)\+(sentinel|cluster):\/\/(?:([^@/]*)@)?([^/]+)(?:\/(.*))?$/;

/**
 * Reads a Redis URL into what ioredis needs: the URL itself for one node, hosts and options
 * for Sentinel and Cluster (which have no standard URL form). Throws a TypeError saying what
 * is wrong; messages never show the password.
 */
export function parseRedisUrl(url: string): RedisTopology {
  const multi = MULTI_HOST_URL.exec(url);
  if (!multi) {
    let protocol: string | undefined;
    try {
      protocol = new URL(url).protocol;
    } catch {
      // described below
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') throw new TypeError(describeUrlError(url));
    return { kind: 'node', url };
  }
  const [, scheme, topology, userInfo, hostList, path = ''] = multi;
  const kind = topology === 'cluster' ? 'cluster' : 'sentinel';
  const defaultPort = kind === 'sentinel' ? 26379 : 6379;
  const hosts = (hostList ?? '').split(',').map((entry) => readHost(entry, url, defaultPort));
  const [name, db] = path.split('/');
  if (kind === 'sentinel' && !name) {
    throw new TypeError(`${redact(url)}: a Sentinel URL ends with /<master name>.`);
  }
  if (db !== undefined && db !== '' && !/^\d+$/.test(db)) {
    throw new TypeError(`${redact(url)}: the database must be a number (got "${db}").`);
  }
  return {
    kind,
    tls: scheme === 'rediss',
    hosts,
    ...readUserInfo(userInfo),
    ...(kind === 'sentinel' ? { name, db: db ? Number(db) : undefined } : {}),
  };
}

/** The message for a URL that is not a Redis URL; undefined for a good one. */
export function redisUrlProblem(url: string): string | undefined {
  try {
    parseRedisUrl(url);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function describeUrlError(url: string): string {
  return `${redact(url)} is not a Redis URL: use redis://host:6379, rediss://… (TLS), redis+sentinel://host:26379,host2:26379/<master name> or redis+cluster://host:6379,host2:6379.`;
}

function readUserInfo(userInfo: string | undefined): { username?: string; password?: string } {
  if (!userInfo) return {};
  const cut = userInfo.indexOf(':');
  if (cut < 0) return { username: decodeURIComponent(userInfo) };
  return {
    username: cut > 0 ? decodeURIComponent(userInfo.slice(0, cut)) : undefined,
    password: decodeURIComponent(userInfo.slice(cut + 1)),
  };
}

function readHost(entry: string, url: string, defaultPort: number): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry.trim());
  if (!match?.[1]) throw new TypeError(`${redact(url)}: "${entry}" is not host:port.`);
  return { host: match[1], port: match[2] ? Number(match[2]) : defaultPort };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^@/]*):([^@/]*)@/, '//$1:***@');
}
