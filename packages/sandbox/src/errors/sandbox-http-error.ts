import type { ValidationIssue } from '../validation/validation-issue.js';

export type ErrorMessage = string | readonly ValidationIssue[];

/**
 * An error that becomes Infisical's envelope `{reqId, statusCode, message, error}`.
 * `errorName` is the envelope's `error`: Infisical uses the thrown error's name there.
 */
export class SandboxHttpError extends Error {
  readonly statusCode: number;
  readonly errorName: string;
  readonly responseMessage: ErrorMessage;
  readonly headers: Readonly<Record<string, string>>;
  /** Infisical's `details`, sent with permission errors; absent from the body when undefined. */
  readonly details?: unknown;

  constructor(
    statusCode: number,
    errorName: string,
    responseMessage: ErrorMessage,
    headers: Record<string, string> = {},
    details?: unknown,
  ) {
    super(typeof responseMessage === 'string' ? responseMessage : 'Validation failed');
    this.name = 'SandboxHttpError';
    this.statusCode = statusCode;
    this.errorName = errorName;
    this.responseMessage = responseMessage;
    this.headers = headers;
    this.details = details;
  }
}
