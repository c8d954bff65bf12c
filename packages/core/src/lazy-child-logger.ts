import type { Logger } from './logger.js';

/**
 * A child logger made on its first use. An HTTP server gives each session a child logger with
 * the session's bindings, and a pino child is hundreds of bytes (its bindings serialized,
 * its own prototype chain): most sessions never log, so most never pay for one.
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

  debug(...args: Parameters<Logger['debug']>): void {
    this.logger.debug(...args);
  }

  info(...args: Parameters<Logger['info']>): void {
    this.logger.info(...args);
  }

  warn(...args: Parameters<Logger['warn']>): void {
    this.logger.warn(...args);
  }

  error(...args: Parameters<Logger['error']>): void {
    this.logger.error(...args);
  }

  child(bindings: Record<string, unknown>): Logger {
    return this.logger.child(bindings);
  }
}
