import type { SandboxDemo } from './seed-demo.js';

/** What a server started with --sandbox prints, loudly, so nobody mistakes it for Infisical. */
export function sandboxBanner(demo: SandboxDemo): string {
  return [
    '',
    '!!! SANDBOX MODE: talking to an in-memory Infisical sandbox, not to Infisical.',
    '!!! Nothing is stored: every secret, project and change is lost when this process exits.',
    `!!! Demo project ID: ${demo.projectId}  environments: ${demo.environments.join(', ')}`,
    '',
    '',
  ].join('\n');
}
