import type { startSandbox } from '@infisical/mcp-sandbox';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The environment that points the bin at a sandbox as its seeded demo machine identity. */
export function sandboxCredentials(sandbox: Sandbox): Record<string, string> {
  return {
    INFISICAL_HOST_URL: sandbox.url,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_ID: sandbox.demo.clientId,
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET: sandbox.demo.clientSecret,
  };
}
