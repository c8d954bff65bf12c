import type { Logger } from '@infisical/mcp-core';

const ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/**
 * JSON lines on stderr from `level` up (`silent`: none), in the shape pino writes: enough for a
 * small server; a real one would pass pino itself, which the published servers do. Never stdout:
 * over stdio that is the MCP channel.
 */
export function stderrLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  const threshold = ORDER.indexOf(level as (typeof ORDER)[number]);
  const enabled = (at: (typeof ORDER)[number]) =>
    level !== 'silent' && threshold !== -1 && ORDER.indexOf(at) >= threshold;
  const write = (at: (typeof ORDER)[number]) => (obj: object, msg?: string) => {
    if (!enabled(at)) return;
    process.stderr.write(
      `${JSON.stringify({ level: at, time: Date.now(), ...bindings, ...obj, msg })}\n`,
    );
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => stderrLogger(level, { ...bindings, ...more }),
    isLevelEnabled: (at) => enabled(at),
  };
}
