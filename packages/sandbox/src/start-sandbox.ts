import { createSandboxApp, type SandboxApp } from './build-sandbox-app.js';
import type { SandboxDemo } from './demo/seed-demo.js';
import type { SandboxOptions } from './sandbox-options.js';

export interface ListenOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1, so the sandbox is not reachable from other machines. */
  host?: string;
}

export type StartSandboxOptions = SandboxOptions & ListenOptions;

export interface RunningSandbox<Demo extends SandboxDemo | undefined = SandboxDemo>
  extends Omit<SandboxApp<Demo>, 'app'> {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';

/**
 * Builds the sandbox and listens on HTTP. The seeded overload comes last so that
 * `Awaited<ReturnType<typeof startSandbox>>` is the usual, seeded shape.
 */
export function startSandbox(
  options: StartSandboxOptions & { seedDemo: false },
): Promise<RunningSandbox<undefined>>;
export function startSandbox(
  options?: StartSandboxOptions & { seedDemo?: true },
): Promise<RunningSandbox>;
export async function startSandbox(
  options: StartSandboxOptions = {},
): Promise<RunningSandbox<SandboxDemo | undefined>> {
  const { port = 0, host = DEFAULT_HOST, ...sandboxOptions } = options;
  const { app, ...sandbox } = createSandboxApp(sandboxOptions);
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error('The sandbox is not listening on a TCP port');
  }
  return {
    ...sandbox,
    url: `http://${formatHost(host)}:${address.port}`,
    close: () => app.close(),
  };
}

/** A wildcard address is not something a client can connect to; IPv6 needs brackets in URLs. */
function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return DEFAULT_HOST;
  return host.includes(':') ? `[${host}]` : host;
}
