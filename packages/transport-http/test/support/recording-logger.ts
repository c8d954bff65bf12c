import type { FastifyBaseLogger } from 'fastify';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];

export interface RecordingLogger extends FastifyBaseLogger {
  /** Every line written at `warn` or above so far, one JSON object a line, bindings included. */
  output(): string;
}

/**
 * A logger for the HTTP server and the MCP servers it builds that keeps their warnings and
 * errors as JSON lines, as the binary's pino writes them, for a test to read back.
 */
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const make = (bindings: Record<string, unknown>): RecordingLogger => {
    const write = (level: Level) => (object: unknown, message?: string) => {
      if (LEVELS.indexOf(level) < LEVELS.indexOf('warn')) return;
      const fields = typeof object === 'object' && object !== null ? object : { msg: object };
      lines.push(JSON.stringify({ level, ...bindings, ...fields, msg: message }));
    };
    return {
      level: 'warn',
      isLevelEnabled: (level: string) => LEVELS.indexOf(level as Level) >= LEVELS.indexOf('warn'),
      trace: write('trace'),
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      fatal: write('fatal'),
      silent: () => {},
      child: (more: Record<string, unknown>) => make({ ...bindings, ...more }),
      output: () => lines.join('\n'),
    } as unknown as RecordingLogger;
  };
  return make({});
}
