import { delimiter, dirname } from 'node:path';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';

/** How the user's shell reaches the registry: certificate authorities, proxies, npm settings. */
const REGISTRY_ACCESS =
  /^(NODE_EXTRA_CA_CERTS|https?_proxy|no_proxy|npm_config_(registry|cafile|ca|proxy|https_proxy|noproxy|strict_ssl))$/i;

/** The Node running the tests first, so the commands run on the version under test. */
function nodeFirstPath(): string {
  return [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
}

/**
 * This test's environment as the user's shell had it, without what npx and pnpm export to the
 * scripts they run: `npm_config_package`, which `npx -p node@22` sets, makes the README's
 * `npx -y pnpm@12.21.0 …` take `pnpm@12.21.0` for a command ("not found").
 */
export function userEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm|pnpm)_/i.test(key) && !REGISTRY_ACCESS.test(key)) continue;
    environment[key] = value;
  }
  return { ...environment, PATH: nodeFirstPath() };
}

/**
 * What an MCP client passes to a stdio server (the SDK's default environment), plus the
 * registry access npx needs: npm on a Node installed from npm (`npx -p node@22`) does not read
 * the system's npmrc, so the certificate authority may come only from NODE_EXTRA_CA_CERTS.
 */
export function clientEnvironment(): Record<string, string> {
  const environment: Record<string, string> = { ...getDefaultEnvironment(), PATH: nodeFirstPath() };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && REGISTRY_ACCESS.test(key)) environment[key] = value;
  }
  return environment;
}
