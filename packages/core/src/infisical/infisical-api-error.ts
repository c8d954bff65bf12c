/**
 * Why an Infisical request failed: the API answered with an error, no answer came, or it was
 * `refused` here before sending (a parameter would not have filled one segment of its route).
 */
export type InfisicalFailureKind = 'http' | 'timeout' | 'network' | 'aborted' | 'refused';

export interface InfisicalApiErrorDetails {
  kind: InfisicalFailureKind;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** Infisical's error name, e.g. `NotFound`, `PermissionDenied`, `TokenError`. */
  error?: string;
  /** Infisical's request id, to quote when reporting a problem to Infisical. */
  reqId?: string;
  method: string;
  /** The route without its query string, so no value ever lands in a message. */
  path: string;
  /** Seconds the API asked us to wait (429 Retry-After). */
  retryAfterSeconds?: number;
}

/**
 * The one error type every Infisical failure becomes. Its message is built only from the
 * route, the status and Infisical's own message, which never echo a secret value or token.
 */
export class InfisicalApiError extends Error {
  override readonly name = 'InfisicalApiError';
  readonly kind: InfisicalFailureKind;
  readonly status: number;
  readonly error?: string;
  readonly reqId?: string;
  readonly method: string;
  readonly path: string;
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: InfisicalApiErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = details.kind;
    this.status = details.status;
    this.error = details.error;
    this.reqId = details.reqId;
    this.method = details.method;
    this.path = details.path;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Infisical rejected the token itself: a fresh token may succeed. */
  get isTokenRejected(): boolean {
    return this.status === 401 || (this.status === 403 && this.error === 'TokenError');
  }

  /**
   * Infisical found no folder at the secret path listed (or, without `recursive`, no such
   * environment): a 404 `SecretPathNotFound` since Infisical PR #4419; older versions listed
   * nothing instead.
   */
  get isMissingSecretPath(): boolean {
    return this.status === 404 && this.error === 'SecretPathNotFound';
  }

  /**
   * The identity's project role does not allow this action here: Infisical's CASL refusal
   * (`PermissionDenied`, "You are not allowed to <action> on <subject>") or its refusal to show
   * a value the role may only describe (`ForbiddenReadSecretError`).
   */
  get isRoleRefusal(): boolean {
    return (
      this.status === 403 &&
      (this.error === 'PermissionDenied' || this.error === 'ForbiddenReadSecretError')
    );
  }

  /**
   * What a role refusal is about: the subject Infisical's CASL message names (`secrets`,
   * `secret-folders`, `tags`, ...), or `secrets` for a value the role may only describe.
   */
  get refusedSubject(): string | undefined {
    if (!this.isRoleRefusal) return undefined;
    if (this.error === 'ForbiddenReadSecretError') return 'secrets';
    return /You are not allowed to \S+ on ([\w-]+)/.exec(this.message)?.[1];
  }

  /** The project enforces upper-case secret names and a name was not upper case. */
  get isLowerCaseNameRefused(): boolean {
    return this.status === 400 && this.message.includes('UPPERCASE per project requirements');
  }

  /** The role may list these secrets but not read their values. */
  get isValueReadRefused(): boolean {
    return (
      this.status === 403 &&
      ((this.error === 'PermissionDenied' && this.message.includes('readValue')) ||
        this.error === 'ForbiddenReadSecretError')
    );
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      status: this.status,
      error: this.error,
      reqId: this.reqId,
      method: this.method,
      path: this.path,
    };
  }
}
