import type { FastifyBaseLogger } from 'fastify';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LEVELS)[number];

export interface RecordingLogger extends FastifyBaseLogger {
  /** Every line written at the logger's level or above so far, one JSON object a line. */
  output(): string;
}

/** What pino's standard serializers keep of fastify's request, reply and errors. */
function serialized(key: string, value: unknown): unknown {
  if (key === 'req' && value && typeof value === 'object') {
    const { method, url, host, ip } = value as Record<string, unknown>;
    return { method, url, host, remoteAddress: ip };
  }
  if (key === 'res' && value && typeof value === 'object') {
    return { statusCode: (value as { statusCode?: number }).statusCode };
  }
  if (value instanceof Error) {
    return { ...value, type: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

/**
 * A logger for the HTTP server and the MCP servers it builds that keeps their lines as JSON, as
 * the binary's pino writes them, for a test to read back.
 */
export function recordingLogger(level: LogLevel = 'warn'): RecordingLogger {
  const lines: string[] = [];
  const threshold = LEVELS.indexOf(level);
  const make = (bindings: Record<string, unknown>): RecordingLogger => {
    const write = (at: LogLevel) => (object: unknown, message?: string) => {
      if (LEVELS.indexOf(at) < threshold) return;
      const fields = typeof object === 'object' && object !== null ? object : { msg: object };
      lines.push(JSON.stringify({ level: at, ...bindings, ...fields, msg: message }, serialized));
    };
    return {
      level,
      isLevelEnabled: (asked: string) => LEVELS.indexOf(asked as LogLevel) >= threshold,
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
