import { startSandbox } from '../start-sandbox.js';
import { sandboxBanner } from './sandbox-banner.js';

export interface SandboxForServer {
  /** Where and how a server reaches the sandbox, as the demo machine identity. */
  credentials: { hostUrl: string; clientId: string; clientSecret: string };
  /** The warning to print before serving: nothing is stored. */
  banner: string;
  close(): Promise<void>;
}

/** What `--sandbox` does in both servers: a sandbox on a free loopback port, seeded with the demo. */
export async function startSandboxForServer(): Promise<SandboxForServer> {
  const sandbox = await startSandbox({ port: 0 });
  return {
    credentials: {
      hostUrl: sandbox.url,
      clientId: sandbox.demo.clientId,
      clientSecret: sandbox.demo.clientSecret,
    },
    banner: sandboxBanner(sandbox.demo),
    close: () => sandbox.close(),
  };
}
