import type { AuditSink } from './audit-trail.js';
import type { ConfirmMode } from './confirm-destructive.js';
import { SecretValueMasker, type SecretValuePolicy } from './secret-value-policy.js';

/** What an operator decides about what agents may see and do, beyond which tools they get. */
export interface SafetyOptions {
  /** `reveal` (default), `mask` or `deny`; see {@link SecretValuePolicy}. */
  secretValues?: SecretValuePolicy;
  /**
   * Makes mask fingerprints. Share one between servers whose fingerprints should compare
   * (every session of an HTTP server); by default one random key per process.
   */
  valueMasker?: SecretValueMasker;
  /** Environment slugs (`*` wildcards) where writes are refused. */
  protectedEnvironments?: readonly string[];
  /** Lift the protection for this server (or, over HTTP, this client). */
  allowProtectedWrites?: boolean;
  /** `auto` (default), `always` or `off`; see {@link ConfirmMode}. */
  confirmDestructive?: ConfirmMode;
  /** Who is calling, for the audit trail: "local" (default) on stdio, a key id over HTTP. */
  principal?: string;
  /** Where audit entries go: by default the server's log; `false` for none. */
  audit?: AuditSink | false;
}

let processMasker: SecretValueMasker | undefined;

/** One random fingerprint key per process unless the caller brings a masker. */
export function defaultValueMasker(): SecretValueMasker {
  processMasker ??= new SecretValueMasker();
  return processMasker;
}
