import type { Logger } from '../logger.js';
import type { CallTarget } from './call-target.js';

/** How a tool call ended, as the audit trail records it. */
export type AuditOutcome =
  | 'ok'
  | 'error'
  | 'invalid-arguments'
  | 'refused'
  | 'declined'
  | 'dry-run'
  | 'not-enabled';

/** One line per tool call: who did what to which resource, and how it ended. Never a value. */
export interface AuditEntry {
  /** The caller: an API key's id or a token's subject over HTTP, "local" on stdio. */
  principal: string;
  tool: string;
  projectId?: string;
  /** Environment slugs, comma-separated when a call names several. */
  environment?: string;
  /** The slug a renamed environment was given. */
  newEnvironment?: string;
  path?: string;
  secretKeys: string[];
  outcome: AuditOutcome;
  /** Why a call was refused or failed, in a few words; never a value. */
  reason?: string;
  durationMs: number;
}

/** Where audit entries go. The default writes them to the server's log at info level. */
export type AuditSink = (entry: AuditEntry) => void;

export function logAuditSink(logger: Logger): AuditSink {
  return (entry) => logger.info({ audit: entry }, 'audit');
}

export function auditEntry(
  principal: string,
  tool: string,
  target: CallTarget | undefined,
  outcome: AuditOutcome,
  started: number,
  reason?: string,
): AuditEntry {
  return {
    principal,
    tool,
    ...(target?.projectId ? { projectId: target.projectId } : {}),
    ...(target && target.environments.length > 0
      ? { environment: target.environments.join(',') }
      : {}),
    ...(target?.newEnvironment ? { newEnvironment: target.newEnvironment } : {}),
    ...(target?.path ? { path: target.path } : {}),
    secretKeys: target?.secretKeys ?? [],
    outcome,
    ...(reason ? { reason } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
