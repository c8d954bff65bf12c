import type { RequestStatsSnapshot } from './request-stats.js';

/** A secret as GET /__sandbox/state reports it. */
export interface SandboxSecret {
  path: string;
  key: string;
  value: string;
  comment: string;
  version: number;
}

export interface SandboxEnvironment {
  slug: string;
  name: string;
  position: number;
  folders: string[];
  secrets: SandboxSecret[];
}

export interface SandboxProject {
  id: string;
  name: string;
  slug: string;
  type: string;
  environments: SandboxEnvironment[];
  members: unknown[];
}

/**
 * Reads and steers a running sandbox over HTTP through its /__sandbox hooks, as a test in
 * another process than the sandbox would.
 */
export class SandboxAdminClient {
  constructor(readonly url: string) {}

  async state(): Promise<{ projects: SandboxProject[] }> {
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

  async createIdentity(projectIds: string[] = []) {
    return this.call<{ identityId: string; clientId: string; clientSecret: string }>(
      'POST',
      '/__sandbox/identities',
      { projectIds },
    );
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
