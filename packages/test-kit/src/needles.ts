// What the redaction scans of both servers (stdio and HTTP) seed and search for.
import { randomBytes } from 'node:crypto';
import type { RunningSandbox } from '@infisical/mcp-sandbox';

/** What must never reach a log line or a metric: each seeded or issued credential and value. */
export type NeedleKind =
  | 'secret value'
  | 'client secret'
  | 'access token'
  | 'api key'
  | 'oauth token'
  /** A value the client sent as a tool name: the answer to that client may quote it; logs may not. */
  | 'tool name';

/** The values the scan looks for, each unique enough that a hit can only be a leak. */
export class Needles {
  readonly all = new Map<string, NeedleKind>();

  /** A fresh secret value to seed or send: 24 random hex characters after a marker. */
  value(): string {
    return this.add('secret value', `sv${randomBytes(12).toString('hex')}`);
  }

  add(kind: NeedleKind, value: string): string {
    if (value.length < 12) throw new Error(`a needle must be long enough to be unique: ${value}`);
    this.all.set(value, kind);
    return value;
  }

  values(kind?: NeedleKind): string[] {
    return [...this.all].filter(([, k]) => !kind || k === kind).map(([value]) => value);
  }
}

export interface Leak {
  kind: NeedleKind;
  where: string;
  /** The text around the hit, with the needle itself shortened. */
  context: string;
}

/** Every needle of `needles` (optionally only some kinds) found in `text`. */
export function findLeaks(
  text: string,
  needles: Needles,
  where: string,
  kinds?: NeedleKind[],
): Leak[] {
  const leaks: Leak[] = [];
  for (const [value, kind] of needles.all) {
    if (kinds && !kinds.includes(kind)) continue;
    const at = text.indexOf(value);
    if (at === -1) continue;
    const context = text
      .slice(Math.max(0, at - 160), at + value.length + 80)
      .replace(value, `<${kind}: ${value.slice(0, 6)}…>`);
    leaks.push({ kind, where, context });
  }
  return leaks;
}

/**
 * Records every access token the in-process sandbox issues (logins of the server, of clients
 * that bring their own identity, and of the test itself), as `kind` needles.
 */
export function recordIssuedTokens(sandbox: RunningSandbox, needles: Needles): void {
  const issue = sandbox.state.issueAccessToken.bind(sandbox.state);
  sandbox.state.issueAccessToken = (identityId: string) => {
    const token = issue(identityId);
    needles.add('access token', token.token);
    return token;
  };
  // Dynamic secret leases hand out credentials: secret values too.
  const { dynamicSecrets } = sandbox.state;
  const createLease = dynamicSecrets.createLease.bind(dynamicSecrets);
  dynamicSecrets.createLease = (secret, ttl) => {
    const lease = createLease(secret, ttl);
    for (const value of Object.values(lease.credentials)) needles.add('secret value', value);
    return lease;
  };
}

/** Secrets with unique values, seeded straight into the sandbox: dev at `/`, a reference, a folder. */
export function seedUniqueSecrets(
  sandbox: RunningSandbox,
  projectId: string,
  needles: Needles,
): { top: string; deep: string } {
  const dev = { projectId, environment: 'dev' };
  const top = needles.value();
  const deep = needles.value();
  sandbox.state.putSecret({ ...dev, key: 'SEEDED_TOKEN', value: top });
  sandbox.state.putSecret({ ...dev, key: 'SEEDED_REF', value: '${SEEDED_TOKEN}' });
  sandbox.state.putSecret({ ...dev, secretPath: '/backend', key: 'SEEDED_DEEP', value: deep });
  return { top, deep };
}
