import { openSync, writeSync } from 'node:fs';
import { ConfigError } from '../config/config-error.js';
import type { AuditSink } from './audit-trail.js';

/**
 * An audit trail of its own: JSON lines appended to a file, or written to stdout or stderr,
 * each with the time. Written synchronously, so a line is on disk before the answer leaves.
 * `source` names the option in errors.
 */
export function openAuditDestination(destination: string, source: string): AuditSink {
  let fd: number;
  if (destination === 'stdout') fd = 1;
  else if (destination === 'stderr') fd = 2;
  else {
    try {
      fd = openSync(destination, 'a', 0o600);
    } catch (error) {
      throw new ConfigError(
        `${source}: cannot open ${destination} for appending (${(error as Error).message}).`,
      );
    }
  }
  return (entry) => {
    try {
      writeSync(fd, `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    } catch {
      // A full disk must not fail the tool call that was already answered.
    }
  };
}
