import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { SandboxAdminClient } from '@infisical/mcp-test-kit';
import { createKeepAliveAgent, sendJson } from './raw-http.mjs';

const require = createRequire(import.meta.url);
const SANDBOX_BIN = join(
  dirname(require.resolve('@infisical/mcp-sandbox/package.json')),
  'dist/bin.js',
);

/** Where list-secrets reads and get-secret looks: an environment the demo seed leaves empty. */
export const BENCH_ENVIRONMENT = 'staging';

export function benchSecretName(index) {
  return `BENCH_SECRET_${String(index).padStart(3, '0')}`;
}

/**
 * The sandbox in its own process, as Infisical would be: its CPU use is not charged to the
 * client measuring, and our servers reach it over real loopback HTTP.
 */
export async function startSandboxProcess() {
  const child = spawn(process.execPath, [SANDBOX_BIN, '--port', '0', '--bench'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the sandbox did not start within 15 s')),
      15_000,
    );
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} at start-up`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
  const admin = new SandboxAdminClient(ready.url);
  return {
    pid: child.pid,
    url: ready.url,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    projectId: ready.projectId,
    admin,
    /** Every API request waits this long first, as a network round trip to Infisical would. */
    setLatency: (latencyMs) => admin.setFaults({ latencyMs }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Logs in once and returns a token, as any Infisical client does before reading. */
export async function loginToSandbox(sandbox, agent = createKeepAliveAgent()) {
  const response = await sendJson(new URL('/api/v1/auth/universal-auth/login', sandbox.url), {
    agent,
    payload: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  });
  if (response.status !== 200) throw new Error(`sandbox login failed: ${response.body}`);
  return JSON.parse(response.body).accessToken;
}

/** Seeds `count` secrets through the public batch route, the way a real project is filled. */
export async function seedSecrets(sandbox, count) {
  const agent = createKeepAliveAgent();
  const token = await loginToSandbox(sandbox, agent);
  const secrets = Array.from({ length: count }, (_, index) => ({
    secretKey: benchSecretName(index + 1),
    // Values about the length of a database URL or an API key.
    secretValue: `postgres://bench:${'x'.repeat(24)}@db-${index + 1}.internal:5432/app`,
    secretComment: `seeded by the bench (${index + 1} of ${count})`,
  }));
  const response = await sendJson(new URL('/api/v4/secrets/batch', sandbox.url), {
    agent,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      projectId: sandbox.projectId,
      environment: BENCH_ENVIRONMENT,
      secretPath: '/',
      secrets,
    },
  });
  agent.destroy();
  if (response.status !== 200) throw new Error(`seeding secrets failed: ${response.body}`);
}
