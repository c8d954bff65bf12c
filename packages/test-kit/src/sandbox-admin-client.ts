import type { RequestStatsSnapshot } from '@infisical/mcp-sandbox';

/** A secret as GET /__sandbox/state reports it. */
export interface SandboxSecret {
  path: string;
  key: string;
  value: string;
  comment: string;
  version: number;
  /** Slugs of the secret's tags. */
  tags: string[];
}

export interface SandboxImport {
  path: string;
  importEnvironment: string;
  importPath: string;
}

export interface SandboxEnvironment {
  id: string;
  slug: string;
  name: string;
  position: number;
  folders: string[];
  secrets: SandboxSecret[];
  imports: SandboxImport[];
  /** Snapshot count by folder path, for folders that have any. */
  snapshots: Record<string, number>;
}

export interface SandboxProject {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  hasDeleteProtection: boolean;
  type: string;
  environments: SandboxEnvironment[];
  members: SandboxMember[];
  tags: { id: string; slug: string; color: string | null }[];
  dynamicSecrets: SandboxDynamicSecret[];
  kmsKeys: { id: string; name: string; isDisabled: boolean }[];
}

export type SandboxMember =
  | { kind: 'identity'; identityId: string; roles: string[] }
  | { kind: 'user'; userId: string; email: string | null; username: string; roles: string[] };

export interface SandboxDynamicSecret {
  environment: string;
  path: string;
  name: string;
  type: string;
  /** Credentials are secret values. */
  leases: { id: string; expireAt: string; credentials: Record<string, string> }[];
}

export interface SandboxSharedSecret {
  id: string;
  name: string | null;
  value: string;
  hasPassword: boolean;
  accessType: string;
  expiresAt: string;
  maxViews: number | null;
  identityId: string;
}

/**
 * Reads and steers a running sandbox over HTTP through its /__sandbox hooks, as a test in
 * another process than the sandbox would.
 */
export class SandboxAdminClient {
  constructor(readonly url: string) {}

  async state(): Promise<{ projects: SandboxProject[]; sharedSecrets: SandboxSharedSecret[] }> {
    return this.call('GET', '/__sandbox/state');
  }

  async project(projectId: string): Promise<SandboxProject> {
    const project = (await this.state()).projects.find((p) => p.id === projectId);
    if (!project) throw new Error(`sandbox has no project ${projectId}`);
    return project;
  }

  async secrets(projectId: string, environment: string): Promise<SandboxSecret[]> {
    const env = (await this.project(projectId)).environments.find((e) => e.slug === environment);
    if (!env) throw new Error(`sandbox project has no environment ${environment}`);
    return env.secrets;
  }

  async stats(): Promise<RequestStatsSnapshot> {
    return this.call('GET', '/__sandbox/stats');
  }

  async resetStats(): Promise<void> {
    await this.call('POST', '/__sandbox/stats/reset');
  }

  async setFaults(faults: Record<string, unknown>): Promise<void> {
    await this.call('PUT', '/__sandbox/faults', faults);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/__sandbox/faults');
  }

  async expireTokens(): Promise<void> {
    await this.call('POST', '/__sandbox/tokens/expire');
  }

  async createIdentity(
    projectIds: string[] = [],
    options: { roles?: string[]; name?: string } = {},
  ) {
    return this.call<{ identityId: string; clientId: string; clientSecret: string }>(
      'POST',
      '/__sandbox/identities',
      { projectIds, ...options },
    );
  }

  /** A dynamic secret in a folder that exists; its leases hand out made-up database users. */
  async createDynamicSecret(input: {
    projectId: string;
    environment: string;
    name: string;
    path?: string;
    defaultTTL?: string;
    maxTTL?: string | null;
  }) {
    return this.call<{ dynamicSecret: { id: string; name: string } }>(
      'POST',
      '/__sandbox/dynamic-secrets',
      input,
    );
  }

  async createKmsKey(input: {
    projectId: string;
    name: string;
    description?: string;
    isDisabled?: boolean;
  }) {
    return this.call<{ key: { id: string; name: string } }>('POST', '/__sandbox/kms-keys', input);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
