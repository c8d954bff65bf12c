import { describe, expect, it } from 'vitest';
import { runHttpBin } from './support/spawn-http-server.js';

// How the limits behave is tested in-process in packages/transport-http (limits.test.ts);
// here, how the binary reads them.
describe('limit settings', () => {
  const LIMIT_FLAGS = [
    ['--rate-limit-window', 'INFISICAL_MCP_RATE_LIMIT_WINDOW_SECONDS', '60'],
    ['--rate-limit-requests', 'INFISICAL_MCP_RATE_LIMIT_REQUESTS', '1200'],
    ['--rate-limit-calls', 'INFISICAL_MCP_RATE_LIMIT_CALLS', '600'],
    ['--rate-limit-auth-failures', 'INFISICAL_MCP_RATE_LIMIT_AUTH_FAILURES', '300'],
    ['--max-sessions-per-client', 'INFISICAL_MCP_MAX_SESSIONS_PER_CLIENT', '100'],
    ['--max-sessions', 'INFISICAL_MCP_MAX_SESSIONS', '1000'],
    ['--tool-timeout', 'INFISICAL_MCP_TOOL_TIMEOUT_SECONDS', '60'],
  ];

  it('--help lists every limit with its variable and default', () => {
    const help = runHttpBin(['--help']).stdout.split('\n');
    for (const [flag, env, fallback] of LIMIT_FLAGS) {
      const line = help.find((text) => text.startsWith(`  ${flag} `));
      expect(line, flag).toContain(env);
      expect(line, flag).toContain(`(default ${fallback})`);
    }
  });

  it('stops start-up with one line naming the flag or variable of a wrong value', () => {
    const badFlag = runHttpBin(['--rate-limit-requests', 'lots']);
    expect(badFlag.status).toBe(1);
    expect(badFlag.stderr.trim()).toBe(
      'infisical-mcp-http: --rate-limit-requests: expected an integer >= 0, got "lots".',
    );
    const badEnv = runHttpBin([], { INFISICAL_MCP_TOOL_TIMEOUT_SECONDS: '-1' });
    expect(badEnv.status).toBe(1);
    expect(badEnv.stderr).toContain(
      'INFISICAL_MCP_TOOL_TIMEOUT_SECONDS: expected a number >= 0, got "-1".',
    );
    const renamed = runHttpBin([], { INFISICAL_MCP_RATE_LIMIT_TOOL_CALLS: '0' });
    expect(renamed.status).toBe(1);
    expect(renamed.stderr).toContain(
      'INFISICAL_MCP_RATE_LIMIT_TOOL_CALLS was renamed: set INFISICAL_MCP_RATE_LIMIT_CALLS',
    );
    const noWindow = runHttpBin(['--rate-limit-window', '0']);
    expect(noWindow.status).toBe(1);
    expect(noWindow.stderr).toContain('--rate-limit-window must be more than 0');
  });
});
