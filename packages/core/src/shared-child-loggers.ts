import type { Logger } from './logger.js';
import { BoundedMemo } from './server/bounded-memo.js';

/** Distinct bindings kept: a few per client in practice; past this the oldest is made anew. */
const MAX_CHILDREN = 1000;

/**
 * Child loggers shared by everything with the same bindings. An HTTP server gives every session
 * and every stateless request a logger bound to its transport and client, and writes each tool
 * call's audit line through it: making a pino child per request cost more CPU than the rest of
 * the logging, and a child per held session was memory for nothing.
 */
export class SharedChildLoggers {
  private readonly children = new BoundedMemo<Logger>(MAX_CHILDREN);

  constructor(private readonly parent: Logger) {}

  for(bindings: Record<string, unknown>): Logger {
    return this.children.get(JSON.stringify(bindings), () => this.parent.child(bindings));
  }
}
