import { closeSync, constants, fchmodSync, fstatSync, openSync, writeSync } from 'node:fs';
import { ConfigError } from '../config/config-error.js';
import type { AuditSink } from './audit-trail.js';

/** Owner read and write only: the trail names who touched which secret. */
const AUDIT_FILE_MODE = 0o600;

/**
 * An audit trail of its own: JSON lines appended to a file, or written to stdout or stderr,
 * each with the time. Written synchronously, so a line is on disk before the answer leaves.
 * `source` names the option in errors.
 */
export function openAuditDestination(destination: string, source: string): AuditSink {
  let fd: number;
  if (destination === 'stdout') fd = 1;
  else if (destination === 'stderr') fd = 2;
  else fd = openAuditFile(destination, source);
  return (entry) => {
    try {
      writeSync(fd, `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    } catch {
      // A full disk must not fail the tool call that was already answered.
    }
  };
}

/**
 * Opens the file for appending without following a symbolic link at its path (whoever can
 * write the directory could otherwise send the trail, or a truncation, anywhere the server
 * may write), creates it owner-only, and tightens a file that already exists: the mode given
 * to open applies only to a file it creates. A file of another user is refused rather than
 * taken over.
 */
function openAuditFile(path: string, source: string): number {
  let fd: number;
  try {
    fd = openSync(
      path,
      // O_NOFOLLOW is absent on Windows, which has no such symlink attack through open.
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0),
      AUDIT_FILE_MODE,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new ConfigError(
        `${source}: ${path} is a symbolic link; give the path of the file itself (the audit trail never follows a link).`,
      );
    }
    throw new ConfigError(
      `${source}: cannot open ${path} for appending (${(error as Error).message}).`,
    );
  }
  try {
    const stat = fstatSync(fd);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) {
      throw new ConfigError(
        `${source}: ${path} belongs to another user (uid ${stat.uid}); the audit trail must be a file of the user the server runs as (uid ${uid}).`,
      );
    }
    if (stat.isFile() && (stat.mode & 0o777) !== AUDIT_FILE_MODE) fchmodSync(fd, AUDIT_FILE_MODE);
  } catch (error) {
    closeSync(fd);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${source}: cannot secure ${path} (${(error as Error).message}).`);
  }
  return fd;
}
