import type { Logger } from './logger.js';

/**
 * A child logger made when a line is first written through it at an enabled level. A pino child
 * costs hundreds of bytes and a few microseconds (its bindings serialized, its own prototype
 * chain); a tool call's or a resource read's logger is made for every call and used, at the
 * default level, only when something fails.
 */
export function lazyChildLogger(parent: Logger, bindings: Record<string, unknown>): Logger {
  return new LazyChildLogger(parent, bindings);
}

class LazyChildLogger implements Logger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  private get logger(): Logger {
    this.made ??= this.parent.child(this.bindings);
    return this.made;
  }

  isLevelEnabled(level: 'debug' | 'info' | 'warn' | 'error'): boolean {
    return this.parent.isLevelEnabled?.(level) ?? true;
  }

  debug(...args: Parameters<Logger['debug']>): void {
    if (this.isLevelEnabled('debug')) this.logger.debug(...args);
  }

  info(...args: Parameters<Logger['info']>): void {
    if (this.isLevelEnabled('info')) this.logger.info(...args);
  }

  warn(...args: Parameters<Logger['warn']>): void {
    if (this.isLevelEnabled('warn')) this.logger.warn(...args);
  }

  error(...args: Parameters<Logger['error']>): void {
    if (this.isLevelEnabled('error')) this.logger.error(...args);
  }

  child(bindings: Record<string, unknown>): Logger {
    return this.logger.child(bindings);
  }
}
