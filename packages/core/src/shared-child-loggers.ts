import type { Logger } from './logger.js';

/** Distinct bindings kept: a few per client in practice; past this the pool starts over. */
const MAX_CHILDREN = 1000;

/**
 * Child loggers shared by everything with the same bindings. An HTTP server gives every session
 * and every stateless request a logger bound to its transport and client, and writes each tool
 * call's audit line through it: making a pino child per request cost more CPU than the rest of
 * the logging, and a child per held session was memory for nothing.
 */
export class SharedChildLoggers {
  private readonly children = new Map<string, Logger>();

  constructor(private readonly parent: Logger) {}

  for(bindings: Record<string, unknown>): Logger {
    const key = JSON.stringify(bindings);
    let child = this.children.get(key);
    if (!child) {
      if (this.children.size >= MAX_CHILDREN) this.children.clear();
      child = this.parent.child(bindings);
      this.children.set(key, child);
    }
    return child;
  }
}
